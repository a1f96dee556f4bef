// The seed article's flow through the official SDK, shared by the node:test, vitest and jest
// suites: the Math Tutor assistant, one thread, one run, the scripted answer.
"use strict";
const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
const seedScenario = path.join(repoRoot, "scenarios", "seed_article.json");
const question = "I need to solve the equation `3x + 11 = 14`. Can you help me?";
const answer = "The solution to the equation `3x + 11 = 14` is `x = 1`, Jane Doe.";

/** Runs the flow with `client` (an OpenAI instance) and returns the run and the last message's text. */
async function seedFlow(client) {
  const assistant = await client.beta.assistants.create({
    model: "gpt-4", name: "Math Tutor", tools: [{ type: "code_interpreter" }],
  });
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: "user", content: question });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  const messages = await client.beta.threads.messages.list(thread.id, { order: "desc", limit: 1 });
  const last = messages.data[0];
  return { assistant, thread, run, text: last.content[0].text.value };
}

module.exports = { repoRoot, seedScenario, question, answer, seedFlow };
