#pragma once
// A tiny HTTP server on 127.0.0.1 only (libmicrohttpd, on its own thread): GET a path, get
// what the handler returns. Nothing outside the machine can connect: the socket is bound to
// the loopback address, not to every address.
#include "util/result.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct MHD_Daemon;

namespace signage::platform {

struct HttpReply {
    unsigned status = 200;
    std::string content_type;
    std::string body;
};

class LoopbackHttpServer {
public:
    // Called on the server's thread for each GET (or HEAD), with the path asked for.
    using Handler = std::function<HttpReply(std::string_view path)>;

    // `port` 0: any free port (tests). Errors say which port and what to do.
    static Result<LoopbackHttpServer> start(int port, Handler handler);
    LoopbackHttpServer(LoopbackHttpServer&&) noexcept = default;
    LoopbackHttpServer& operator=(LoopbackHttpServer&&) = delete;  // would drop the handler before the daemon

    int port() const { return m_port; }

private:
    LoopbackHttpServer() = default;

    struct StopDaemon {
        void operator()(MHD_Daemon* daemon) const noexcept;  // stops the server's thread
    };
    std::unique_ptr<Handler> m_handler;  // where the server's thread finds it: outlives the daemon
    std::unique_ptr<MHD_Daemon, StopDaemon> m_daemon;
    int m_port = 0;
};

}  // namespace signage::platform
