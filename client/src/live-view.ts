// The "trail-lint: Live account" view (Explorer): the tree of live-tree.ts as VS Code tree items. Hidden
// until the first check (the `trailLint.hasLiveResult` context key), since it has nothing to show before.
import * as vscode from 'vscode';
import type { LiveCheckResult } from './live-protocol';
import { buildLiveTree, type LiveNode } from './live-tree';

export const LIVE_VIEW = 'trailLint.liveFindings';
export const HAS_LIVE_RESULT = 'trailLint.hasLiveResult';

const SEVERITY_COLORS: Record<string, string> = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  info: 'problemsInfoIcon.foreground',
};

export class LiveFindingsView implements vscode.TreeDataProvider<LiveNode>, vscode.Disposable {
  private roots: LiveNode[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<LiveNode>;

  constructor() {
    this.view = vscode.window.createTreeView(LIVE_VIEW, { treeDataProvider: this, showCollapseAll: true });
  }

  async show(result: LiveCheckResult, summary: string): Promise<void> {
    this.roots = buildLiveTree(result);
    this.changed.fire();
    this.view.message = summary;
    this.view.description = result.summary.account;
    await vscode.commands.executeCommand('setContext', HAS_LIVE_RESULT, true);
    // `<view id>.focus` is the command VS Code creates for every view: it reveals the view and its container.
    await vscode.commands.executeCommand(`${LIVE_VIEW}.focus`);
  }

  getTreeItem(node: LiveNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children.length > 0
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    const color = node.kind === 'finding' && !node.notVerified ? SEVERITY_COLORS[node.severity] : undefined;
    item.iconPath = new vscode.ThemeIcon(node.icon, color ? new vscode.ThemeColor(color) : undefined);
    // package.json shows "Open in AWS console" on items whose context value ends in `.console`.
    item.contextValue = `trailLint.live.${node.kind}${node.console ? '.console' : ''}`;
    if (node.kind === 'finding')
      item.command = { command: 'vscode.open', title: 'Open rule documentation', arguments: [node.docs] };
    return item;
  }

  /** The tree as shown (the extension's API gives it to tests: VS Code has no API to read a view's items). */
  get items(): readonly LiveNode[] {
    return this.roots;
  }

  getChildren(node?: LiveNode): LiveNode[] {
    return node ? node.children : this.roots;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
