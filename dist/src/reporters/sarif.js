import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import { escapeJsonText } from '../safe-text.js';
import { leaklintVersion } from '../version.js';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
function commitProperties(f) {
    const props = {};
    if (f.origin.kind === 'commit')
        Object.assign(props, { commit: f.origin.commit.sha, author: f.origin.commit.author, date: f.origin.commit.date });
    if (f.cell !== undefined)
        props.cell = f.cell;
    if (f.history)
        props.history = f.history;
    return props;
}
export const sarifReporter = (ctx) => {
    const { result } = ctx;
    const all = [...result.findings, ...result.suppressed];
    const ruleIds = [...new Set(all.map((f) => f.ruleId))];
    const rules = ruleIds.map((id) => {
        const rule = ctx.rules.get(id);
        const sample = all.find((f) => f.ruleId === id);
        const steps = remediationSteps(rule, sample, result.moment);
        return {
            id,
            name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()),
            shortDescription: { text: rule?.title ?? sample.message },
            fullDescription: { text: rule?.why ?? sample.message },
            help: { text: steps.join('\n'), markdown: steps.map((s) => `- ${s}`).join('\n') },
            ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}),
            defaultConfiguration: { level: LEVEL[rule?.severity ?? sample.severity] },
            properties: { provider: rule?.provider ?? sample.provider, tags: ['security', 'secret'] },
        };
    });
    const toResult = (f) => {
        const value = f.kind === 'content' ? `: ${shownSecret(f, ctx.showSecrets)}` : '';
        const props = commitProperties(f);
        return {
            ruleId: f.ruleId,
            ruleIndex: ruleIds.indexOf(f.ruleId),
            level: LEVEL[f.severity],
            message: { text: `${f.message}${value}${f.cell !== undefined ? ` (cell ${f.cell})` : ''}` },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/') },
                        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.column) },
                    },
                },
            ],
            partialFingerprints: { 'leaklintFingerprint/v1': f.fingerprint },
            ...(Object.keys(props).length ? { properties: props } : {}),
            ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.startsWith('inline') ? 'inSource' : 'external', justification: f.suppressed }] } : {}),
        };
    };
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'leaklint', version: leaklintVersion(), informationUri: 'https://www.npmjs.com/package/leaklint', rules } },
                results: all.map(toResult),
                properties: { moment: result.moment, filesScanned: result.stats.files, warnings: result.stats.warnings },
            },
        ],
    };
    // Exact values for tools; no raw control character or workflow command in the bytes.
    return escapeJsonText(JSON.stringify(log, null, 2)) + '\n';
};
