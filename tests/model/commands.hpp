#pragma once
// The operations rapidcheck strings together. Each command generates its arguments from
// the model (constructor), changes the model (apply), and on the server (run) sends the
// request, checks the answer against the model's prediction -- success, or the exact
// error the service gives -- then checks the server's whole state (Step::run).
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <rapidcheck/state.h>

#include "tests/model/reference_model.hpp"
#include "tests/model/server_under_test.hpp"

namespace tests::model {

using Command = rc::state::Command<Model, ServerUnderTest>;

class Step : public Command {
public:
  // Every request sees the runs advanced to the current time first, as the server does.
  void run(const Model& before, ServerUnderTest& sut) const final;

protected:
  // Sends the request(s) and checks the answers; `now` is the model before the command,
  // advanced to the current time.
  virtual void execute(const Model& now, ServerUnderTest& sut) const = 0;
};

struct CreateAssistant : Step {
  explicit CreateAssistant(const Model& model);
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::string name;
  std::string model_name;
};

struct ModifyAssistant : Step {
  explicit ModifyAssistant(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t assistant = 0;
  std::string model_name;
};

struct DeleteAssistant : Step {
  explicit DeleteAssistant(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t assistant = 0;
};

struct CreateThread : Step {
  explicit CreateThread(const Model& model);
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::vector<std::string> texts;
};

struct DeleteThread : Step {
  explicit DeleteThread(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
};

struct AddMessage : Step {
  explicit AddMessage(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
  std::string text;
};

struct DeleteMessage : Step {
  explicit DeleteMessage(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
  std::size_t message = 0;
};

struct CreateRun : Step {
  explicit CreateRun(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
  std::size_t assistant = 0;
  bool parallel_tool_calls = true;
  std::optional<std::string> additional_text;
};

struct CreateThreadAndRun : Step {
  explicit CreateThreadAndRun(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t assistant = 0;
  std::optional<std::string> text;
  bool parallel_tool_calls = true;
};

struct CancelRun : Step {
  explicit CancelRun(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
  std::size_t run_index = 0;
};

struct SubmitToolOutputs : Step {
  enum class Outputs { every_call, last_missing, first_twice };
  explicit SubmitToolOutputs(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t thread = 0;
  std::size_t run_index = 0;
  Outputs outputs = Outputs::every_call;
  bool report_error = false;  // the first output says ERROR (the scenario then changes course)
};

struct AdvanceClock : Step {
  explicit AdvanceClock(const Model& model);
  void apply(Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::int64_t ms = 1;
};

struct ListPages : Step {
  enum class Collection { assistants, messages, runs, steps };
  enum class Mode { walk_after, walk_before, after_cursor, before_cursor, between, unknown_cursor };
  explicit ListPages(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  Collection collection = Collection::assistants;
  std::size_t thread = 0;
  std::size_t run_index = 0;
  bool run_filter = false;  // messages: ?run_id=
  std::size_t limit = 20;
  std::optional<bool> ascending;
  Mode mode = Mode::walk_after;
  std::size_t pick_a = 0;  // cursor positions, taken modulo the list's length
  std::size_t pick_b = 0;
};

struct CheckDeletedGone : Step {
  enum class Kind { assistant, thread, message };
  explicit CheckDeletedGone(const Model& model);
  void checkPreconditions(const Model& model) const override;
  void execute(const Model& now, ServerUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  Kind kind = Kind::assistant;
  std::size_t index = 0;
  std::size_t thread = 0;  // message: its thread
};

}  // namespace tests::model
