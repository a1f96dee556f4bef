#include "mock/assistants/lifecycle/default_responder.hpp"

namespace mock::assistants {
namespace {
constexpr std::size_t k_quote_limit = 200;
}

RunScript default_script(const Thread& thread, const Run& run) {
  std::string last_user_text;
  thread.messages.for_each([&](const Message& message) {
    if (message.role == Role::user) last_user_text = message_text(message);
  });
  if (last_user_text.size() > k_quote_limit) {
    last_user_text = last_user_text.substr(0, k_quote_limit) + "...";
  }
  RunScript script;
  if (last_user_text.empty()) {
    script.messages.push_back("Hello! This is the mock assistant (model " + run.model +
                              "). No scenario matched, so this is the default reply.");
  } else {
    script.messages.push_back("This is the mock assistant (model " + run.model +
                              ") replying to: " + last_user_text);
  }
  return script;
}

}  // namespace mock::assistants
