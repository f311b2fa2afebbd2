// An OpenAI-compatible chat completions endpoint chosen by the user (`--llm-url`), for suggested fixes in the CLI. The
// key comes from the environment (PREFLIGHT_LLM_API_KEY, else OPENAI_API_KEY) and is never printed. The reply is data.

import { isLoopbackHost } from '../../../protocol/settings';
import { UsageError } from './usageError';

export interface LlmEndpoint {
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
}

export function endpointFrom(url: string, model: string | undefined): LlmEndpoint {
  const trimmed = url.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new UsageError(`--llm-url '${url}' is not a URL`);
  }
  // The API key and the files travel to this endpoint: in clear text only to this machine.
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    throw new UsageError(`--llm-url must be https (http only on this machine: localhost, 127.0.0.1), got '${url}'`);
  }
  return {
    url: trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`,
    model: model ?? 'gpt-4o-mini',
    apiKey: process.env['PREFLIGHT_LLM_API_KEY'] ?? process.env['OPENAI_API_KEY'],
  };
}

export async function complete(endpoint: LlmEndpoint, prompt: string, timeoutMs = 60_000): Promise<string> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: endpoint.model, temperature: 0, messages: [{ role: 'user', content: prompt }] }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${endpoint.url} answered ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new Error(`${endpoint.url} sent no message content`);
  return content;
}
