// The explicit catalogue of rule modules: one per provider, each with
// fixtures in fixtures/<provider>/positive|negative.
import type { Rule } from '../src/types.js';
import { rules as huggingface } from './huggingface.js';
import { rules as prefect } from './prefect.js';
import { rules as sentry } from './sentry.js';
import { rules as modal } from './modal.js';
import { rules as wandb } from './wandb.js';
import { rules as openai } from './openai.js';
import { rules as anthropic } from './anthropic.js';
import { rules as github } from './github.js';
import { rules as gitlab } from './gitlab.js';
import { rules as aws } from './aws.js';
import { rules as google } from './google.js';
import { rules as slack } from './slack.js';
import { rules as stripe } from './stripe.js';
import { rules as npm } from './npm.js';
import { rules as pypi } from './pypi.js';
import { rules as replicate } from './replicate.js';
import { rules as groq } from './groq.js';
import { rules as vercel } from './vercel.js';
import { rules as privateKey } from './private-key.js';
import { rules as jwt } from './jwt.js';
import { rules as urlCredentials } from './url-credentials.js';
import { rules as generic } from './generic.js';
import { rules as credentialFiles } from './credential-files.js';

export const providerModules: Record<string, Rule[]> = {
  huggingface,
  prefect,
  sentry,
  modal,
  wandb,
  openai,
  anthropic,
  github,
  gitlab,
  aws,
  google,
  slack,
  stripe,
  npm,
  pypi,
  replicate,
  groq,
  vercel,
  'private-key': privateKey,
  jwt,
  'url-credentials': urlCredentials,
  generic,
  'credential-files': credentialFiles,
};

export const allRules: Rule[] = Object.values(providerModules).flat();
