// The only file that includes libcurl (tests/rules/architecture.txt). One easy handle per
// exchange, driven through a multi handle so the caller gets the status and headers first
// and then the body piece by piece, on its own thread, without a helper thread.
#include "recorder/curl_upstream.hpp"

#include <curl/curl.h>

#include <array>
#include <fstream>
#include <mutex>
#include <utility>

namespace recorder {
namespace {

constexpr int k_poll_timeout_ms = 100;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// DNS answers and TLS sessions shared by every exchange, so recording against a TLS
// upstream resumes sessions instead of paying a full handshake per request. (Connections
// are not shared: libcurl documents that as unsafe across concurrent threads.)
class SharedCache {
public:
  SharedCache() : m_share(curl_share_init()) {
    curl_share_setopt(m_share, CURLSHOPT_LOCKFUNC, &SharedCache::lock);
    curl_share_setopt(m_share, CURLSHOPT_UNLOCKFUNC, &SharedCache::unlock);
    curl_share_setopt(m_share, CURLSHOPT_USERDATA, this);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  ~SharedCache() { curl_share_cleanup(m_share); }
  SharedCache(const SharedCache&) = delete;
  SharedCache& operator=(const SharedCache&) = delete;
  CURLSH* handle() const { return m_share; }

private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
    static_cast<SharedCache*>(self)->mutex_for(data).lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* self) {
    static_cast<SharedCache*>(self)->mutex_for(data).unlock();
  }
  std::mutex& mutex_for(curl_lock_data data) {
    return m_mutexes[static_cast<std::size_t>(data) % m_mutexes.size()];
  }

  CURLSH* m_share;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> m_mutexes;
};

UpstreamError::Kind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return UpstreamError::Kind::timed_out;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return UpstreamError::Kind::unreachable;
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
      return UpstreamError::Kind::cancelled;
    default:
      return UpstreamError::Kind::failed;
  }
}

// What went wrong, in the words a user looks for; curl's own text follows it.
std::string describe(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot resolve the host name";
    case CURLE_COULDNT_RESOLVE_PROXY:
      return "cannot resolve the proxy's host name";
    case CURLE_COULDNT_CONNECT:
      return "cannot connect (refused or unreachable)";
    case CURLE_OPERATION_TIMEDOUT:
      return "no complete answer in time";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "TLS certificate verification failed";
    case CURLE_SSL_CONNECT_ERROR:
      return "TLS handshake failed";
    case CURLE_GOT_NOTHING:
      return "the connection closed without an answer";
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
      return "the connection closed before the end of the answer";
    default:
      return "the transfer failed";
  }
}

std::string hint(CURLcode code) {
  if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
    return ". Certificates are always verified; to trust a private CA or a self-signed server, give its "
           "certificate with --ca-file";
  }
  return "";
}

std::string trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

class CurlExchange final : public UpstreamExchange {
public:
  CurlExchange(const CurlUpstreamConfig& config, const std::string& display_url, CURLSH* share,
               const OutgoingRequest& request)
      : m_display_url(display_url), m_body(request.body), m_easy(curl_easy_init()), m_multi(curl_multi_init()) {
    const std::string url = config.base_url + request.target;
    CURL* easy = m_easy.get();
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_error.data());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, config.connect_timeout_ms);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, config.timeout_ms);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, config.ca_file.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect goes back to the client as is
    // Ask for every encoding curl can undo and get the body decoded: the cassette stores
    // what the body says, and the client gets it without Content-Encoding.
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlExchange::on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlExchange::on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);

    bool has_content_type = false;
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      if (name.find_first_of("\r\n:") != std::string::npos || value.find_first_of("\r\n") != std::string::npos) {
        continue;
      }
      has_content_type = has_content_type || name == "content-type";
      // "Name:" would make curl drop the header; "Name;" sends it with an empty value.
      const std::string line = value.empty() ? name + ";" : name + ": " + value;
      headers = curl_slist_append(headers, line.c_str());
    }
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    if (!has_content_type) headers = curl_slist_append(headers, "Content-Type:");  // no form default
    m_headers.reset(headers);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);

    const std::string& method = request.method;
    if (method == "HEAD") {
      curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (method == "GET" && m_body.empty()) {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
      if (!m_body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, m_body.data());
      }
    }
    curl_multi_add_handle(m_multi.get(), easy);
  }

  ~CurlExchange() override { curl_multi_remove_handle(m_multi.get(), m_easy.get()); }
  CurlExchange(const CurlExchange&) = delete;
  CurlExchange& operator=(const CurlExchange&) = delete;

  // Runs the transfer until the final status line and headers are in.
  tl::expected<void, UpstreamError> await_head() {
    while (!m_head_done && !m_done) step(/*until_head=*/true);
    if (m_head_done) return {};
    if (m_result == CURLE_OK) {
      return tl::unexpected(UpstreamError{UpstreamError::Kind::failed,
                                          m_display_url + " closed the connection without an answer"});
    }
    return tl::unexpected(error());
  }

  const UpstreamHead& head() const override { return m_head; }

  tl::expected<void, UpstreamError> read_body(const ChunkHandler& on_chunk) override {
    while (true) {
      if (!m_buffer.empty()) {
        std::string chunk;
        chunk.swap(m_buffer);
        if (!on_chunk(chunk)) {
          return tl::unexpected(UpstreamError{UpstreamError::Kind::cancelled, "the client stopped reading"});
        }
        continue;
      }
      if (m_done) {
        if (m_result == CURLE_OK) return {};
        return tl::unexpected(error());
      }
      step(/*until_head=*/false);
    }
  }

private:
  // One turn of the transfer: let curl work; unless that produced what the caller waits
  // for (the head, or body bytes), wait at most 100 ms for the socket.
  void step(bool until_head) {
    int running = 0;
    const CURLMcode code = curl_multi_perform(m_multi.get(), &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &left)) {
      if (message->msg == CURLMSG_DONE) {
        m_done = true;
        m_result = message->data.result;
      }
    }
    if (code != CURLM_OK) {
      m_done = true;
      m_result = CURLE_RECV_ERROR;
      m_multi_error = curl_multi_strerror(code);
      return;
    }
    const bool satisfied = until_head ? m_head_done : !m_buffer.empty();
    if (!m_done && !satisfied) curl_multi_poll(m_multi.get(), nullptr, 0, k_poll_timeout_ms, nullptr);
  }

  UpstreamError error() const {
    std::string detail = m_multi_error.empty() ? std::string(m_error.data()) : m_multi_error;
    if (detail.empty()) detail = curl_easy_strerror(m_result);
    return UpstreamError{kind_of(m_result), m_display_url + ": " + describe(m_result) + ": " + detail +
                                                " (curl error " + std::to_string(static_cast<int>(m_result)) + ")" +
                                                hint(m_result)};
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<CurlExchange*>(user);
    const std::size_t length = size * count;
    const std::string_view line(data, length);
    if (self->m_head_done) return length;  // trailers: not part of the head we pass on
    if (line.starts_with("HTTP/")) {
      self->m_head.headers.clear();  // a new head (after 100 Continue, for instance)
    } else if (trim(line).empty()) {
      long status = 0;
      curl_easy_getinfo(self->m_easy.get(), CURLINFO_RESPONSE_CODE, &status);
      if (status >= 200) {
        self->m_head.status = static_cast<int>(status);
        self->m_head_done = true;
      }
    } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      std::string name = trim(line.substr(0, colon));
      for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      self->m_head.headers.emplace_back(std::move(name), trim(line.substr(colon + 1)));
    }
    return length;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<CurlExchange*>(user);
    self->m_buffer.append(data, size * count);
    return size * count;
  }

  std::string m_display_url;
  std::string m_body;  // curl reads the request body from here: it must outlive the transfer
  std::unique_ptr<CURL, EasyDeleter> m_easy;
  std::unique_ptr<CURLM, MultiDeleter> m_multi;
  std::unique_ptr<curl_slist, ListDeleter> m_headers;
  std::array<char, CURL_ERROR_SIZE> m_error{};
  std::string m_multi_error;
  UpstreamHead m_head;
  std::string m_buffer;  // body bytes received and not yet handed on
  bool m_head_done = false;
  bool m_done = false;
  CURLcode m_result = CURLE_OK;
};

class CurlUpstream final : public Upstream {
public:
  explicit CurlUpstream(CurlUpstreamConfig config)
      : m_config(std::move(config)), m_display_url(url_without_credentials(m_config.base_url)) {}

  tl::expected<std::unique_ptr<UpstreamExchange>, UpstreamError> start(const OutgoingRequest& request) override {
    auto exchange = std::make_unique<CurlExchange>(m_config, m_display_url, m_cache.handle(), request);
    if (auto head = exchange->await_head(); !head) return tl::unexpected(head.error());
    return exchange;
  }

  const std::string& display_url() const override { return m_display_url; }

private:
  CurlUpstreamConfig m_config;
  std::string m_display_url;
  SharedCache m_cache;
};

}  // namespace

std::string url_without_credentials(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const std::size_t authority = scheme_end + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
  const std::size_t at = url.rfind('@', authority_end);
  std::string out = url.substr(0, authority);
  out += (at != std::string::npos && at >= authority) ? url.substr(at + 1, authority_end - at - 1)
                                                       : url.substr(authority, authority_end - authority);
  const std::size_t rest_end = std::min(url.find_first_of("?#", authority_end), url.size());
  out += url.substr(authority_end, rest_end - authority_end);
  return out;
}

tl::expected<std::unique_ptr<Upstream>, std::string> make_curl_upstream(CurlUpstreamConfig config) {
  const std::string& url = config.base_url;
  if (!(url.starts_with("http://") || url.starts_with("https://")) || url.find_first_of("?# ") != std::string::npos) {
    return tl::unexpected("invalid upstream URL '" + url_without_credentials(url) +
                          "': expected http(s)://host[:port][/prefix], without query or fragment");
  }
  while (config.base_url.ends_with('/')) config.base_url.pop_back();
  if (config.connect_timeout_ms <= 0 || config.timeout_ms <= 0) {
    return tl::unexpected(std::string("time-outs must be positive"));
  }
  // Checked now: curl would only say so on the first request, as a verification failure.
  if (!config.ca_file.empty() && !std::ifstream(config.ca_file)) {
    return tl::unexpected("--ca-file: cannot read '" + config.ca_file + "'");
  }
  init_curl_once();
  return std::make_unique<CurlUpstream>(std::move(config));
}

}  // namespace recorder
