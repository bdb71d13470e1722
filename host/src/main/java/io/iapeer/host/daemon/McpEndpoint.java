package io.iapeer.host.daemon;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * MCP Streamable HTTP, stateless (02 §8.3), by the official SDK: no session is issued or needed,
 * every request stands alone, and the caller's identity rides along with each one.
 */
final class McpEndpoint {
  private McpEndpoint() {}

  /** The servlet that answers MCP; mounted on {@code /*}, it serves every path like the reference. */
  static HttpServlet servlet(SendToPeer tool) {
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder()
            // The transport answers paths ending in this; "" is every path (02 §8.3 catch-all).
            .messageEndpoint("")
            .contextExtractor(
                request -> {
                  String id = request.getHeader("X-IAPeer-Identity");
                  return id == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(SendToPeer.IDENTITY, id));
                })
            .build();
    McpServer.sync(new KnownToolsOnly(transport))
        // The reference's identity, verbatim (§7.1); the daemon's own version is in router.json.
        .serverInfo("iapeer", "0.0.0")
        .instructions(SendToPeer.INSTRUCTIONS)
        .capabilities(ServerCapabilities.builder().tools(null).build())
        // §7.4: arguments are coerced, and the router's checks give the spec's texts (§7.7).
        .validateToolInputs(false)
        // Run the call on the request's own (virtual) thread: a wake may block for minutes.
        .immediateExecution(true)
        .toolCall(SendToPeer.tool(), tool::call)
        .build();
    return transport;
  }

  /**
   * The SDK answers a call of a tool it does not have with a JSON-RPC error; 02 §8.4 wants the
   * tool error result {@code unknown tool: <name>}, so such calls are answered here instead.
   */
  private record KnownToolsOnly(McpStatelessServerTransport inner) implements McpStatelessServerTransport {
    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
      inner.setMcpHandler(
          new McpStatelessServerHandler() {
            @Override
            public Mono<JSONRPCResponse> handleRequest(McpTransportContext context, JSONRPCRequest request) {
              if (McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                  && request.params() instanceof Map<?, ?> params
                  && !SendToPeer.NAME.equals(params.get("name"))) {
                return Mono.just(
                    JSONRPCResponse.result(request.id(), SendToPeer.error("unknown tool: " + params.get("name"))));
              }
              return handler.handleRequest(context, request);
            }

            @Override
            public Mono<Void> handleNotification(McpTransportContext context, JSONRPCNotification notification) {
              return handler.handleNotification(context, notification);
            }
          });
    }

    @Override
    public Mono<Void> closeGracefully() {
      return inner.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
      return inner.protocolVersions();
    }
  }
}
