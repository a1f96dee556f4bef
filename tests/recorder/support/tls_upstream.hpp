#pragma once
// A TLS upstream on 127.0.0.1 with a self-signed certificate made on the spot (EC P-256,
// subjectAltName IP:127.0.0.1): Debian's cpp-httplib is built with OpenSSL, so its
// SSLServer serves it. `certificate_pem()` is what a client must trust to talk to it.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

namespace recorder_tests {

class TlsUpstream {
public:
  // Every request gets `body` as JSON with status 200.
  explicit TlsUpstream(std::string body) : m_key(make_key()), m_certificate(make_certificate(m_key.get())) {
    m_server = std::make_unique<httplib::SSLServer>(m_certificate.get(), m_key.get());
    if (!m_server->is_valid()) throw std::runtime_error("the TLS server did not accept its certificate");
    m_server->Get(".*", [this, body](const httplib::Request&, httplib::Response& response) {
      ++m_requests;
      response.set_content(body, "application/json");
    });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0) throw std::runtime_error("cannot listen on 127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    while (!m_server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TlsUpstream() {
    m_server->stop();
    m_thread.join();
  }
  TlsUpstream(const TlsUpstream&) = delete;
  TlsUpstream& operator=(const TlsUpstream&) = delete;

  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(m_port);
  }
  int requests() const { return m_requests; }

  std::string certificate_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_X509(bio.get(), m_certificate.get());
    std::string pem(BIO_ctrl_pending(bio.get()), '\0');
    BIO_read(bio.get(), pem.data(), static_cast<int>(pem.size()));
    return pem;
  }

private:
  using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
  using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

  static Key make_key() {
    Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free);
    if (!key) throw std::runtime_error("cannot make an EC key");
    return key;
  }

  static Certificate make_certificate(EVP_PKEY* key) {
    Certificate certificate(X509_new(), &X509_free);
    X509* cert = certificate.get();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    const std::string common_name = "assistants-mock test upstream";
    const auto* common_name_bytes = reinterpret_cast<const unsigned char*>(common_name.c_str());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name_bytes, -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    // Its own CA, valid for the loopback address only: trusting it through --ca-file is
    // enough, and any other host name still fails verification.
    const std::pair<int, const char*> extensions[] = {
        {NID_basic_constraints, "critical,CA:TRUE"},
        {NID_key_usage, "critical,digitalSignature,keyCertSign"},
        {NID_subject_alt_name, "IP:127.0.0.1"},
    };
    for (const auto& [nid, value] : extensions) {
      X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
      if (extension == nullptr) throw std::runtime_error(std::string("bad certificate extension ") + value);
      X509_add_ext(cert, extension, -1);
      X509_EXTENSION_free(extension);
    }
    if (X509_sign(cert, key, EVP_sha256()) == 0) throw std::runtime_error("cannot sign the certificate");
    return certificate;
  }

  Key m_key;
  Certificate m_certificate;
  std::unique_ptr<httplib::SSLServer> m_server;
  int m_port = 0;
  std::atomic<int> m_requests{0};
  std::thread m_thread;
};

}  // namespace recorder_tests
