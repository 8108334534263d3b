// Usage: node client.mjs BASE_URL MODEL
// Calls a running ReasonFlux server with the official openai package, non-streaming and streaming, plus one bad
// request, and prints what it saw as one JSON object for the .NET test to check.
import OpenAI from "openai";

const [baseURL, model] = process.argv.slice(2);
if (!baseURL || !model) {
  console.error("usage: node client.mjs BASE_URL MODEL");
  process.exit(2);
}
const client = new OpenAI({ baseURL, apiKey: "sk-js-test", maxRetries: 0 });
const messages = [{ role: "user", content: "What is 2+2?" }];

const completion = await client.chat.completions.create({ model, messages, max_tokens: 16, temperature: 0 });

let streamed = "";
let reasoning = "";
let usage = null;
let chunks = 0;
const stream = await client.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
for await (const chunk of stream) {
  chunks++;
  for (const choice of chunk.choices) {
    streamed += choice.delta?.content ?? "";
    reasoning += choice.delta?.reasoning_content ?? "";
  }
  if (chunk.usage) usage = chunk.usage;
}

let error = null;
try {
  await client.chat.completions.create({ model: "no-such-model", messages });
} catch (e) {
  error = { status: e.status, type: e.type ?? e.error?.type ?? null, code: e.code ?? null, message: e.message };
}

const models = [];
for await (const m of client.models.list()) models.push(m.id);

console.log(JSON.stringify({
  content: completion.choices[0].message.content,
  reasoning_content: completion.choices[0].message.reasoning_content ?? null,
  answer: completion.reasonflux?.answer ?? null,
  usage: completion.usage,
  streamed,
  streamed_reasoning: reasoning,
  stream_usage: usage,
  chunks,
  error,
  models,
}));
