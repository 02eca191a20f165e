const fs=require('fs');
const {fixTemplate}=require('./out/server/src/engine/fix/fix-documents.js');
const {lintDocument}=require('./out/server/src/engine/lint.js');
const f=process.argv[2]; const t=fs.readFileSync(f,'utf8');
const r=fixTemplate(f,t,{}); console.log(r.log.map(l=>l.ruleId+' '+l.title).join('\n'));
const out=r.texts.get(f); const res=lintDocument({file:f,text:out},{}); console.log(res.problems);
if (process.argv[3]) console.log(out);
