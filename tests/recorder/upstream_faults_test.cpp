// The upstream misbehaves: refuses the connection, accepts and never answers, cuts a body
// or an event stream short, or fails TLS. The client always hears about it (502 or 504 in
// the OpenAI envelope; a stream, whose status went out first, ends with what arrived), and
// the cassette only ever holds whole exchanges.
#include <chrono>
#include <fstream>
#include <mutex>
#include <set>

#include <gtest/gtest.h>

#include "cassettes/cassette_file.hpp"
#include "cassettes/journal.hpp"
#include "tests/recorder/support/fake_upstream.hpp"
#include "tests/recorder/support/harness.hpp"
#include "tests/recorder/support/raw_listener.hpp"
#include "tests/recorder/support/recorder_checks.hpp"
#include "tests/recorder/support/tls_upstream.hpp"

namespace recorder_tests {
namespace {
using Clock = std::chrono::steady_clock;

const std::string k_ok_body = R"({"id":"asst_ok","object":"assistant"})";
const std::string k_event_1 = "event: thread.run.created\ndata: {\"id\":\"run_1\",\"status\":\"queued\"}\n\n";
const std::string k_event_2 = "event: thread.run.in_progress\ndata: {\"id\":\"run_1\",\"status\":\"in_progress\"}\n\n";
const std::string k_event_cut = "event: thread.message.delta\ndata: {\"id\":\"msg_1\",\"del";

// A raw upstream that answers GET /ok properly and lets `fault` handle every other request.
RawListener::Handler ok_or(std::function<void(int fd, const std::atomic<bool>& stopping)> fault) {
  return [fault](int fd, const std::atomic<bool>& stopping) {
    const std::string request_line = read_request(fd);
    if (request_line.starts_with("GET /ok ")) {
      send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(k_ok_body.size()) + "\r\n\r\n" + k_ok_body);
      return;
    }
    fault(fd, stopping);
  };
}

// The recorded exchanges' "METHOD PATH", in order; the cassette must load without warnings.
std::vector<std::string> recorded(const std::filesystem::path& cassette) {
  return recorded_labels(cassette, [](const cassettes::Interaction& interaction) {
    return interaction.request.method + " " + interaction.request.path;
  });
}

std::string error_message(const Reply& reply) {
  return reply.json.is_object() && reply.json.contains("error") ? reply.json["error"].value("message", "") : "";
}

void expect_envelope(const Reply& reply, int status, const std::string& code) {
  EXPECT_EQ(reply.status, status) << reply.body;
  ASSERT_TRUE(reply.json.is_object() && reply.json.contains("error")) << reply.body;
  const Json& error = reply.json["error"];
  EXPECT_EQ(error.value("type", ""), "server_error");
  EXPECT_EQ(error.value("code", ""), code);
  EXPECT_TRUE(error.contains("param"));
  EXPECT_EQ(error_message(reply).find(k_secret_key), std::string::npos) << "the key never reaches a message";
}

struct Session {
  Notices notices;
  std::unique_ptr<recorder::RecordServer> server;
  int port = 0;
};

std::unique_ptr<Session> record_into(const std::string& upstream, const std::filesystem::path& cassette,
                                     long timeout_ms = 20'000, const std::string& ca_file = "") {
  auto session = std::make_unique<Session>();
  auto config = record_config(upstream, cassette);
  config.timeout_ms = timeout_ms;
  config.ca_file = ca_file;
  config.notice = session->notices.sink();
  session->server = started<recorder::RecordServer>(config);
  session->port = port_of(session->server->base_url());
  return session;
}

TEST(UpstreamFaults, ARefusedConnectionIsA502NamingTheUpstreamAndNothingIsRecorded) {
  TempDir dir;
  std::string dead_url;
  {
    RawListener gone([](int, const std::atomic<bool>&) {});
    dead_url = gone.url();
  }  // closed: connecting now is refused
  auto session = record_into(dead_url, dir / "c.json");
  const Reply reply = send(session->port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}});
  expect_envelope(reply, 502, "upstream_unreachable");
  const std::string message = error_message(reply);
  EXPECT_NE(message.find(dead_url), std::string::npos) << message;
  EXPECT_NE(message.find("cannot connect"), std::string::npos) << message;
  EXPECT_EQ(session->server->recorded(), 0U);
  const Reply journal = send(session->port, "GET", "/__admin/requests");
  ASSERT_EQ(journal.json["entries"].size(), 1U) << journal.body;
  EXPECT_EQ(journal.json["entries"][0]["served_by"], "upstream failed") << "answered, so not 'unmatched'";
  EXPECT_EQ(journal.json["entries"][0]["status"], 502);
  session->server->stop();
  EXPECT_TRUE(session->server->finish().has_value());
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json")) << "nothing recorded, nothing written";
  EXPECT_FALSE(std::filesystem::exists(cassettes::journal_path(dir / "c.json")));
}

TEST(UpstreamFaults, AnUpstreamThatAcceptsAndNeverAnswersIsA504AfterTheTimeout) {
  TempDir dir;
  RawListener silent(ok_or([](int, const std::atomic<bool>& stopping) { hang(stopping); }));
  constexpr long k_timeout_ms = 300;
  auto session = record_into(silent.url(), dir / "c.json", k_timeout_ms);
  ASSERT_EQ(send(session->port, "GET", "/ok").status, 200);

  const auto started_at = Clock::now();
  const Reply reply = send(session->port, "GET", "/v1/assistants");
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_at).count();
  expect_envelope(reply, 504, "upstream_timeout");
  EXPECT_NE(error_message(reply).find("no complete answer in time"), std::string::npos) << error_message(reply);
  EXPECT_GE(waited, k_timeout_ms - 20) << "it waited for the time-out";
  EXPECT_LT(waited, 5'000) << "and not much longer";
  EXPECT_EQ(recorded(dir / "c.json"), std::vector<std::string>{"GET /ok"}) << "the time-out is not recorded";
}

TEST(UpstreamFaults, AnUpstreamThatStallsAfterItsHeadersIsA504Too) {
  TempDir dir;
  RawListener stalling(ok_or([](int fd, const std::atomic<bool>& stopping) {
    send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":");
    hang(stopping);
  }));
  auto session = record_into(stalling.url(), dir / "c.json", 300);
  const Reply reply = send(session->port, "GET", "/v1/assistants");
  expect_envelope(reply, 504, "upstream_timeout");
  EXPECT_EQ(session->server->recorded(), 0U);
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json"));
}

TEST(UpstreamFaults, ABodyCutShortOfItsContentLengthIsA502AndNothingHalfRecorded) {
  TempDir dir;
  RawListener cutting(ok_or([](int fd, const std::atomic<bool>&) {
    send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                  "{\"id\":\"asst_cut\",\"obj");
  }));  // and the connection closes, 78 bytes short
  auto session = record_into(cutting.url(), dir / "c.json");
  ASSERT_EQ(send(session->port, "GET", "/ok").status, 200);
  const Reply reply = send(session->port, "POST", "/v1/assistants", Json{{"model", "gpt-4"}});
  expect_envelope(reply, 502, "upstream_unreachable");
  const std::string message = error_message(reply);
  EXPECT_NE(message.find("closed before the end of the answer"), std::string::npos) << message;
  EXPECT_NE(message.find(cutting.url()), std::string::npos) << message;
  ASSERT_EQ(send(session->port, "GET", "/ok").status, 200) << "the recorder carries on";
  EXPECT_EQ(session->server->recorded(), 2U);
  EXPECT_EQ(recorded(dir / "c.json"), (std::vector<std::string>{"GET /ok", "GET /ok"}));
  EXPECT_EQ(read_text(cassettes::journal_path(dir / "c.json")).find("asst_cut"), std::string::npos)
      << "not a byte of the cut answer on disk";
}

// Decided (FORMAT.md, "Faults"): a stream the upstream cut is not recorded. Its status went
// out with the first byte, so the client gets what arrived and then the end of the stream;
// replaying the cut as if the service had said it would hide the fault in every later run.
TEST(UpstreamFaults, AStreamCutMidwayReachesTheClientAsItArrivedAndIsNotRecorded) {
  TempDir dir;
  RawListener cutting(ok_or([](int fd, const std::atomic<bool>&) {
    send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    send_text(fd, chunk(k_event_1));
    send_text(fd, chunk(k_event_2));
    send_text(fd, chunk(k_event_cut));
  }));  // no last chunk: the connection just closes
  auto session = record_into(cutting.url(), dir / "c.json");
  ASSERT_EQ(send(session->port, "GET", "/ok").status, 200);

  const Reply reply = send_streaming(session->port, "POST", "/v1/threads/runs", Json{{"stream", true}},
                                     [](const std::string&) {});
  EXPECT_EQ(reply.status, 200) << "sent before the cut: it cannot change any more";
  EXPECT_EQ(reply.body, k_event_1 + k_event_2 + k_event_cut) << "exactly what arrived, then the stream ends";
  EXPECT_TRUE(session->notices.contain("stream of POST /v1/threads/runs broke, not recorded"))
      << session->notices.all();

  ASSERT_EQ(send(session->port, "GET", "/ok").status, 200);
  EXPECT_EQ(recorded(dir / "c.json"), (std::vector<std::string>{"GET /ok", "GET /ok"}));
  session->server->stop();
  ASSERT_TRUE(session->server->finish().has_value());
  EXPECT_EQ(recorded(dir / "c.json"), (std::vector<std::string>{"GET /ok", "GET /ok"}));
  EXPECT_EQ(read_text(dir / "c.json").find("run_1"), std::string::npos) << "no event of the cut stream on disk";
}

TEST(UpstreamFaults, ASelfSignedCertificateIsA502NamingCertificateVerification) {
  TempDir dir;
  TlsUpstream tls(k_ok_body);
  auto session = record_into(tls.url(), dir / "c.json");
  const Reply reply = send(session->port, "GET", "/v1/assistants");
  expect_envelope(reply, 502, "upstream_unreachable");
  const std::string message = error_message(reply);
  EXPECT_NE(message.find("TLS certificate verification failed"), std::string::npos) << message;
  EXPECT_NE(message.find("self-signed certificate"), std::string::npos) << "curl's reason follows: " << message;
  EXPECT_NE(message.find("--ca-file"), std::string::npos) << "and the way to trust it: " << message;
  EXPECT_EQ(tls.requests(), 0) << "verification failed before the request was sent";
  EXPECT_EQ(session->server->recorded(), 0U);
  EXPECT_FALSE(std::filesystem::exists(dir / "c.json"));
}

TEST(UpstreamFaults, TrustingTheCertificateWithACaFileLetsTheExchangeThrough) {
  TempDir dir;
  TlsUpstream tls(k_ok_body);
  const auto ca_file = dir / "upstream-ca.pem";
  std::ofstream(ca_file) << tls.certificate_pem();
  auto session = record_into(tls.url(), dir / "c.json", 20'000, ca_file.string());
  const Reply reply = send(session->port, "GET", "/v1/assistants/asst_ok");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, k_ok_body);
  EXPECT_EQ(tls.requests(), 1);
  EXPECT_EQ(recorded(dir / "c.json"), std::vector<std::string>{"GET /v1/assistants/asst_ok"});
}

TEST(UpstreamFaults, ATrustedCertificateForAnotherHostStillFailsVerification) {
  TempDir dir;
  TlsUpstream tls(k_ok_body);
  const auto ca_file = dir / "upstream-ca.pem";
  std::ofstream(ca_file) << tls.certificate_pem();
  // The certificate names 127.0.0.1 only: the host name is checked, not just the signature.
  auto session = record_into(tls.url("localhost"), dir / "c.json", 20'000, ca_file.string());
  const Reply reply = send(session->port, "GET", "/v1/assistants");
  expect_envelope(reply, 502, "upstream_unreachable");
  const std::string message = error_message(reply);
  EXPECT_NE(message.find("TLS certificate verification failed"), std::string::npos) << message;
  EXPECT_NE(message.find("localhost"), std::string::npos) << message;
  EXPECT_EQ(tls.requests(), 0);
}

TEST(UpstreamFaults, AnUpstreamThatDoesNotSpeakTlsIsA502NamingTheHandshake) {
  TempDir dir;
  RawListener plain([](int fd, const std::atomic<bool>&) {
    char hello[4096];
    (void)::recv(fd, hello, sizeof(hello), 0);  // the ClientHello, answered with what no TLS server says
    send_text(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  auto session = record_into(plain.url("https"), dir / "c.json");
  const Reply reply = send(session->port, "GET", "/v1/assistants");
  expect_envelope(reply, 502, "upstream_unreachable");
  EXPECT_NE(error_message(reply).find("TLS handshake failed"), std::string::npos) << error_message(reply);
  EXPECT_EQ(session->server->recorded(), 0U);
}

TEST(UpstreamFaults, AnUnreadableCaFileIsRefusedAtStartUp) {
  TempDir dir;
  auto config = record_config("https://127.0.0.1:1", dir / "c.json");
  config.ca_file = (dir / "missing.pem").string();
  auto server = recorder::RecordServer::create(config);
  ASSERT_FALSE(server.has_value());
  EXPECT_NE(server.error().find("--ca-file: cannot read '" + config.ca_file + "'"), std::string::npos)
      << server.error();
}

}  // namespace
}  // namespace recorder_tests
