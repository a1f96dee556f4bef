#pragma once
// The real upstream: libcurl, with TLS verification on, connect and total time-outs, and
// the usual proxy environment variables (http_proxy, https_proxy, no_proxy) honoured as
// libcurl always does.
#include <memory>
#include <string>

#include <tl/expected.hpp>

#include "recorder/upstream.hpp"

namespace recorder {

struct CurlUpstreamConfig {
  std::string base_url = "https://api.openai.com";  // scheme, host, optional port and path prefix
  long connect_timeout_ms = 10'000;
  long timeout_ms = 600'000;  // the whole exchange, streams included (the SDKs wait 10 min)
  // A PEM file of CA certificates to trust (a private CA, a self-signed test server), in
  // place of libcurl's default bundle file. There is no switch to turn verification off:
  // this is how to trust a server.
  std::string ca_file;
};

// Fails when the URL is not http(s)://... or the CA file cannot be read.
tl::expected<std::unique_ptr<Upstream>, std::string> make_curl_upstream(CurlUpstreamConfig config);

// "https://user:pw@host/x?y" -> "https://host/x": safe to print and to store.
std::string url_without_credentials(const std::string& url);

}  // namespace recorder
