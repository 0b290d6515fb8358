import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
export const rules = [
    regexRule({
        id: 'groq-api-key',
        provider: 'groq',
        title: 'Groq API key',
        why: 'A Groq key spends its organization’s quota and credit on the Groq API.',
        severity: 'error',
        remediation: {
            rotate: 'https://console.groq.com/keys → delete the key, create a new one',
            store: 'the CI or platform secret store (`gh secret set GROQ_API_KEY`)',
            read: 'the Groq SDK reads GROQ_API_KEY from the environment by itself',
        },
        helpUri: 'https://console.groq.com/docs/quickstart',
        keywords: ['gsk_'],
        pattern: new RegExp(`${LEFT}(?<secret>gsk_[A-Za-z0-9]{50,54})${RIGHT}`),
        visiblePrefix: 4,
    }),
];
