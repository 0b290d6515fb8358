import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, HEX, fakeToken } from '../src/rulekit/fake-token.js';

// Azure documents no key format. Keys of Azure OpenAI (Azure AI services)
// resources are 32 hex, or, for resources created since 2024, 84 letters and
// digits (observed). Neither shape says Azure: found only by name.
const legacy = fakeToken(HEX, 32, 601);
const current = fakeToken(BASE62, 84, 602);

export const rules: Rule[] = [
  keyedRule({
    id: 'azure-openai-api-key',
    provider: 'azure-openai',
    title: 'Azure OpenAI API key',
    why: 'An Azure OpenAI key calls every deployment of its resource, billed to the Azure subscription, and is accepted until the key is regenerated.',
    severity: 'error',
    remediation: {
      rotate:
        'Azure portal → the Azure OpenAI resource → Resource Management → Keys and Endpoint → Regenerate Key 1/2 (switch clients to the other key first), or `az cognitiveservices account keys regenerate`',
      store:
        'Azure Key Vault, or the CI secret store (`gh secret set AZURE_OPENAI_API_KEY`); better, Microsoft Entra ID (managed identity) with no key at all',
      read: 'the OpenAI SDK’s AzureOpenAI client reads AZURE_OPENAI_API_KEY from the environment by itself',
    },
    helpUri: 'https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity',
    names: [
      'AZURE_OPENAI_API_KEY',
      'AZURE_OPENAI_KEY',
      'AZURE_API_KEY',
      'AZURE_AI_API_KEY',
      'AZURE_COGNITIVE_SERVICES_KEY',
      String.raw`AzureOpenAI\(\s{0,8}api_key`,
    ],
    keywords: [
      'azure_openai_api_key',
      'azure_openai_key',
      'azure_api_key',
      'azure_ai_api_key',
      'azure_cognitive_services_key',
      'azureopenai(',
    ],
    value: '[a-f0-9]{32}|[A-Za-z0-9]{84}',
    check: hasDigitAndLetter,
    examples: {
      match: [
        `AZURE_OPENAI_API_KEY=${legacy}`,
        `AZURE_OPENAI_KEY="${current}"`,
        `client = AzureOpenAI(api_key="${legacy}")`,
      ],
      noMatch: [
        `AZURE_OPENAI_API_KEY=${legacy.slice(0, 30)}`,
        `AZURE_OPENAI_ENDPOINT=https://example.openai.azure.com/`,
      ],
    },
  }),
];
