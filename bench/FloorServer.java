// The floor of bench/routing-overhead.sh: the daemon's own stack — Jetty on 127.0.0.1 with
// virtual threads, the MCP SDK's stateless servlet transport — answering a tool that does nothing,
// so the difference to the daemon is what iapeer adds (gate, caller lookup, routing).
// Run: java -cp 'host/target/iapeer-host.jar:host/target/lib/*' bench/FloorServer.java
// Prints "READY <port>" and serves until killed.

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

public class FloorServer {
  public static void main(String[] args) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    ServerConnector tcp = new ServerConnector(server, 1, 1);
    tcp.setHost("127.0.0.1");
    tcp.setPort(0);
    server.addConnector(tcp);
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder().messageEndpoint("").build();
    McpServer.sync(transport)
        .serverInfo("floor", "0")
        .capabilities(ServerCapabilities.builder().tools(null).build())
        .validateToolInputs(false)
        .immediateExecution(true)
        .toolCall(
            Tool.builder("send_to_peer", Map.of("type", "object")).description("does nothing").build(),
            (ctx, req) -> CallToolResult.builder().addTextContent("refused").isError(true).build())
        .build();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(transport), "/*");
    server.setHandler(context);
    server.start();
    System.out.println("READY " + tcp.getLocalPort());
    System.out.flush();
    server.join();
  }
}
