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
import { rules as urlCredentials } from './url-credentials.js';
import { rules as generic } from './generic.js';
import { rules as credentialFiles } from './credential-files.js';
import { rules as databricks } from './databricks.js';
import { rules as langsmith } from './langsmith.js';
import { rules as cohere } from './cohere.js';
import { rules as mistral } from './mistral.js';
import { rules as pinecone } from './pinecone.js';
import { rules as together } from './together.js';
import { rules as fireworks } from './fireworks.js';
import { rules as deepseek } from './deepseek.js';
import { rules as perplexity } from './perplexity.js';
import { rules as xai } from './xai.js';
import { rules as openrouter } from './openrouter.js';
import { rules as azureOpenai } from './azure-openai.js';
import { rules as bedrock } from './bedrock.js';
import { rules as comet } from './comet.js';
import { rules as neptune } from './neptune.js';
import { rules as clearml } from './clearml.js';
import { rules as roboflow } from './roboflow.js';
import { rules as kaggle } from './kaggle.js';
import { rules as supabase } from './supabase.js';
import { rules as snowflake } from './snowflake.js';
import { rules as twilio } from './twilio.js';
import { rules as sendgrid } from './sendgrid.js';
import { rules as discord } from './discord.js';
import { rules as telegram } from './telegram.js';
import { rules as datadog } from './datadog.js';
import { rules as doppler } from './doppler.js';
import { rules as terraformCloud } from './terraform-cloud.js';
import { rules as cloudflare } from './cloudflare.js';
import { rules as digitalocean } from './digitalocean.js';
import { rules as heroku } from './heroku.js';

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
  'url-credentials': urlCredentials,
  generic,
  'credential-files': credentialFiles,
  databricks,
  langsmith,
  cohere,
  mistral,
  pinecone,
  together,
  fireworks,
  deepseek,
  perplexity,
  xai,
  openrouter,
  'azure-openai': azureOpenai,
  bedrock,
  comet,
  neptune,
  clearml,
  roboflow,
  kaggle,
  supabase,
  snowflake,
  twilio,
  sendgrid,
  discord,
  telegram,
  datadog,
  doppler,
  'terraform-cloud': terraformCloud,
  cloudflare,
  digitalocean,
  heroku,
};

export const allRules: Rule[] = Object.values(providerModules).flat();
