#include "http/httplib_exchange.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace mock::http {
namespace {
class DataSinkAdapter final : public StreamSink {
public:
  explicit DataSinkAdapter(httplib::DataSink& sink) : m_sink(sink) {}
  bool write(std::string_view data) override {
    return m_sink.is_writable() && m_sink.write(data.data(), data.size());
  }

private:
  httplib::DataSink& m_sink;
};
}  // namespace

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest out;
  out.method = req.method;
  out.path = req.path;
  for (const auto& [key, value] : req.params) {
    out.query.emplace_back(key, value);
  }
  for (const auto& [key, value] : req.headers) {
    // httplib adds the peer addresses as pseudo-headers; the client never sent them.
    if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" || key == "LOCAL_PORT") {
      continue;
    }
    out.headers.emplace(key, value);
  }
  out.body = req.body;
  for (const auto& [name, part] : req.files) {
    out.form_parts.push_back(FormPart{part.name, part.filename, part.content_type, part.content});
  }
  return out;
}

void write_response(ApiResponse& response, httplib::Response& res) {
  response.finalize();
  res.status = response.status;
  for (const auto& [key, value] : response.headers) {
    res.set_header(key, value);
  }
  if (response.stream) {
    StreamProducer producer = response.stream;
    // httplib compresses every text/* body unless the type is exactly "text/event-stream",
    // and a compressed stream reaches the client only at its end. Streams go uncompressed.
    const std::string content_type = response.content_type.starts_with("text/event-stream")
                                         ? "text/event-stream"
                                         : response.content_type;
    res.set_chunked_content_provider(
        content_type, [producer](std::size_t, httplib::DataSink& sink) {
          DataSinkAdapter adapter(sink);
          producer(adapter);
          sink.done();
          return true;
        });
    return;
  }
  // What set_content does, without copying the body: nothing reads it after this.
  res.body = std::move(response.body);
  res.set_header("Content-Type", response.content_type);
}

}  // namespace mock::http
