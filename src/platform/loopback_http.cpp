#include "platform/loopback_http.hpp"

#include "platform/c_deleter.hpp"

#include <microhttpd.h>

#include <cstdint>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace signage::platform {

namespace {

using ResponsePtr = std::unique_ptr<MHD_Response, CDeleter<MHD_destroy_response>>;

MHD_Result answer(void* handler_pointer, MHD_Connection* connection, const char* url, const char* method, const char*,
                  const char*, size_t*, void**)
{
    const auto& handler = *static_cast<LoopbackHttpServer::Handler*>(handler_pointer);
    const bool readable = std::strcmp(method, MHD_HTTP_METHOD_GET) == 0 || std::strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
    HttpReply reply = readable ? handler(url) : HttpReply{MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", "GET only\n"};
    ResponsePtr response(MHD_create_response_from_buffer(reply.body.size(), reply.body.data(), MHD_RESPMEM_MUST_COPY));
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response.get(), MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str());
    return MHD_queue_response(connection, reply.status, response.get());
}

}  // namespace

Result<LoopbackHttpServer> LoopbackHttpServer::start(int port, Handler handler)
{
    LoopbackHttpServer server;
    server.m_handler = std::make_unique<Handler>(std::move(handler));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.m_daemon.reset(MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, static_cast<std::uint16_t>(port), nullptr, nullptr, answer,
                                       server.m_handler.get(), MHD_OPTION_SOCK_ADDR, &address, MHD_OPTION_CONNECTION_LIMIT, 16u,
                                       MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END));
    if (!server.m_daemon)
        return Error{"cannot serve on 127.0.0.1:" + std::to_string(port) + " (another program uses the port?); choose another [status] http_port"};
    const MHD_DaemonInfo* info = MHD_get_daemon_info(server.m_daemon.get(), MHD_DAEMON_INFO_BIND_PORT);
    server.m_port = info ? info->port : port;
    return server;
}

void LoopbackHttpServer::StopDaemon::operator()(MHD_Daemon* daemon) const noexcept
{
    MHD_stop_daemon(daemon);
}

}  // namespace signage::platform
