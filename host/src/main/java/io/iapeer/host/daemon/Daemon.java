package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.client.RouterInfo;
import io.iapeer.host.route.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The router daemon (02 §8): one Jetty server, a unix socket and a loopback TCP listener serving
 * the same handler — the gate, {@code /cli/send}, {@code /cli/verb} (socket only), and MCP on
 * every other path. Created started,
 * closed in the order of §8.7.
 */
public final class Daemon implements AutoCloseable {
  /**
   * A connection may sit in one request for as long as a send may wake its target; Jetty would
   * otherwise fail a request whose connection is quiet for its 30 s default.
   */
  private static final Duration IDLE = Duration.ofMinutes(20);

  /**
   * What to listen on. Production listens on both and publishes router.json; a test may take a
   * port only (no socket, no router.json) or port 0 for an ephemeral one.
   *
   * @param version what router.json says the daemon is
   */
  public record Config(
      Layout layout,
      Optional<Path> socket,
      OptionalInt port,
      boolean discovery,
      Optional<String> bearer,
      String version) {

    public static Config of(Layout layout, Settings settings, String version) {
      return new Config(
          layout,
          Optional.of(layout.routerSocket()),
          OptionalInt.of(settings.port()),
          true,
          settings.bearerToken(),
          version);
    }
  }

  private final Config config;
  private final Router router;
  private final DaemonLog log;
  private final Server server;
  private final Optional<SocketClaim> claim;
  private final Optional<String> tcpUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Daemon(Config config, Router router, DaemonLog log, Server server, Optional<SocketClaim> claim,
      Optional<String> tcpUrl) {
    this.config = config;
    this.router = router;
    this.log = log;
    this.server = server;
    this.claim = claim;
    this.tcpUrl = tcpUrl;
  }

  /** A daemon that serves sends only: CLI verbs find no {@code /cli/verb} and run in their caller. */
  public static Daemon start(Config config, Router router, DaemonLog log) {
    return start(config, router, Optional.empty(), log);
  }

  /** Binds, chmods the socket 0600, then publishes router.json; any failure leaves nothing behind. */
  public static Daemon start(Config config, Router router, CliVerbs verbs, DaemonLog log) {
    return start(config, router, Optional.of(verbs), log);
  }

  private static Daemon start(Config config, Router router, Optional<CliVerbs> verbs, DaemonLog log) {
    Optional<SocketClaim> claim = config.socket().map(SocketClaim::claim);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("iapeer-daemon");
    threads.setVirtualThreadsExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("iapeer-request-", 0).factory()));
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // Jetty reuses header fields it parsed earlier on a connection, matching their values without
    // regard to case: "bearer x" once would make a later "Bearer x" read as "bearer x".
    http.setHeaderCacheCaseSensitive(true);
    Optional<ServerConnector> tcp = Optional.empty();
    if (config.port().isPresent()) {
      ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      c.setHost("127.0.0.1"); // loopback only, never a wildcard address
      c.setPort(config.port().getAsInt());
      c.setIdleTimeout(IDLE.toMillis());
      server.addConnector(c);
      tcp = Optional.of(c);
    }
    config.socket().ifPresent(path -> {
      UnixDomainServerConnector c = new UnixDomainServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      c.setUnixDomainPath(path);
      c.setIdleTimeout(IDLE.toMillis());
      server.addConnector(c);
    });
    server.setHandler(new Gate(handlers(config.layout(), router, verbs, log), config.bearer()));
    try {
      server.start();
      if (config.socket().isPresent()) {
        Files.setPosixFilePermissions(config.socket().get(), Modes.PRIVATE);
      }
    } catch (Exception e) {
      stopQuietly(server);
      claim.ifPresent(SocketClaim::close);
      throw new IapException("the daemon could not start: " + e.getMessage(), e);
    }
    Optional<String> url = tcp.map(c -> "http://127.0.0.1:" + c.getLocalPort() + "/mcp");
    Daemon daemon = new Daemon(config, router, log, server, claim, url);
    if (config.discovery()) {
      try {
        new RouterInfo(config.socket(), url, config.version(), ProcessHandle.current().pid())
            .write(config.layout().routerJson());
      } catch (RuntimeException e) {
        daemon.close();
        throw e;
      }
    }
    return daemon;
  }

  private static ServletContextHandler handlers(
      Layout layout, Router router, Optional<CliVerbs> verbs, DaemonLog log) {
    // The registry is read fresh for every call (02 §0.2): an edit counts from the next request.
    Registry registry = new Registry(layout, warning -> log.warn(warning));
    Supplier<RegistrySnapshot> fresh = registry::read;
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("mcp", McpEndpoint.servlet(new SendToPeer(fresh, router, log))), "/*");
    context.addServlet(new ServletHolder("cli-send", new CliSendServlet(fresh, router, log)), "/cli/send");
    context.addServlet(new ServletHolder("cli-verb", new CliVerbServlet(verbs, log)), "/cli/verb");
    return context;
  }

  /** The advertised MCP URL, {@code http://127.0.0.1:<port>/mcp}, when TCP listens. */
  public Optional<String> tcpUrl() {
    return tcpUrl;
  }

  public Optional<Path> socket() {
    return config.socket();
  }

  /**
   * §8.7: queued deliveries are failed first (a router holding any is {@link AutoCloseable}), then
   * connections and listeners go, then the socket file and router.json. Closing twice is a no-op.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (router instanceof AutoCloseable queues) {
      try {
        queues.close();
      } catch (Exception e) {
        log.warn("failing the queued deliveries: " + e);
      }
    }
    stopQuietly(server);
    try {
      if (config.socket().isPresent()) {
        Files.deleteIfExists(config.socket().get());
      }
      if (config.discovery()) {
        Files.deleteIfExists(config.layout().routerJson());
      }
    } catch (IOException e) {
      log.warn("cleaning up: " + e.getMessage());
    }
    claim.ifPresent(SocketClaim::close);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort: what is left is closed with the process
    }
  }
}
