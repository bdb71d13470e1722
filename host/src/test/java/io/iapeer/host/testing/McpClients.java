package io.iapeer.host.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The official MCP SDK's own client over streamable HTTP, as an agent CLI would connect. */
public final class McpClients {
  private McpClients() {}

  /** A client of {@code mcpUrl} that sends {@code identity} as X-IAPeer-Identity (null: none). */
  public static McpSyncClient of(String mcpUrl, String identity) {
    return of(mcpUrl, identity, Duration.ofSeconds(20));
  }

  /** With room for a call that wakes its target: a real launch takes a while. */
  public static McpSyncClient of(String mcpUrl, String identity, Duration callTimeout) {
    URI u = URI.create(mcpUrl);
    HttpRequest.Builder requests = HttpRequest.newBuilder();
    if (identity != null) {
      requests.header("X-IAPeer-Identity", identity);
    }
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(u.getScheme() + "://" + u.getAuthority())
            .endpoint(u.getPath())
            .requestBuilder(requests)
            .build();
    return McpClient.sync(transport).requestTimeout(callTimeout).build();
  }
}
