#pragma once
// The Responses + Conversations operations rapidcheck strings together, in the same style as
// commands.hpp: the constructor generates arguments from the model, apply changes the model,
// execute sends the request and checks the answer against the model's prediction (success
// with the predicted object, or the service's exact error); every step then checks the
// server's whole Responses + Conversations state.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <rapidcheck/state.h>

#include "tests/model/responses_model.hpp"
#include "tests/model/responses_under_test.hpp"

namespace tests::model {

using ResponsesCommand = rc::state::Command<ResponsesModel, ResponsesUnderTest>;

class ResponsesStep : public ResponsesCommand {
public:
  void run(const ResponsesModel& before, ResponsesUnderTest& sut) const final;

protected:
  virtual void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const = 0;
};

struct CreateConversation : ResponsesStep {
  explicit CreateConversation(const ResponsesModel& model);
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::vector<std::string> texts;
};

struct DeleteConversation : ResponsesStep {
  explicit DeleteConversation(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
};

struct AddItems : ResponsesStep {
  explicit AddItems(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
  std::vector<std::string> texts;
};

struct DeleteItem : ResponsesStep {
  explicit DeleteItem(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
  std::size_t item = 0;
};

// GET /v1/conversations/{id}/items: every page of a walk (limit, order), or the page after
// one item as the cursor.
struct ListItems : ResponsesStep {
  explicit ListItems(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel&) const override {}
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
  std::size_t limit = 20;
  std::optional<bool> ascending;
  std::optional<std::size_t> after;  // an item handle
};

struct CreateResponse : ResponsesStep {
  explicit CreateResponse(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::string model_name;
  std::vector<std::string> inputs;
  bool store = true;
  std::optional<std::size_t> conversation;
  std::optional<std::size_t> previous;
  bool background = false;

private:
  // The answer the model predicts is a success.
  bool succeeds(const ResponsesModel& model) const;
};

struct RetrieveResponse : ResponsesStep {
  explicit RetrieveResponse(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel&) const override {}
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t response = 0;
};

struct DeleteResponse : ResponsesStep {
  explicit DeleteResponse(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t response = 0;
};

// POST /v1/responses/{id}/cancel.
struct CancelResponse : ResponsesStep {
  explicit CancelResponse(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t response = 0;
};

// Moves the server's manual clock (background responses move on), then mostly lists a
// conversation's items, so that listing, not the state check, is what brings the finished
// responses' items into it.
struct AdvanceResponseClock : ResponsesStep {
  explicit AdvanceResponseClock(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel& model) const override;
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::int64_t ms = 0;
  std::optional<std::size_t> then_list;  // a conversation
};

// GET /v1/responses/{id}/input_items, every page (limit, order).
struct ListInputItems : ResponsesStep {
  explicit ListInputItems(const ResponsesModel& model);
  void checkPreconditions(const ResponsesModel& model) const override;
  void apply(ResponsesModel&) const override {}
  void execute(const ResponsesModel& now, ResponsesUnderTest& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t response = 0;
  std::size_t limit = 20;
  std::optional<bool> ascending;
};

}  // namespace tests::model
