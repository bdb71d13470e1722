package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.SelfIdentity;
import io.iapeer.core.registry.Registry;
import io.iapeer.host.client.DaemonClient;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Queued;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.SendRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "send",
    customSynopsis = {
      "usage: iapeer send <target> (--message <text> | --message-file <f|->)",
      "         [--from <runtime>-<personality>] [--runtime <rt>] [--topic <t>]",
      "         [--attachment <path>]…"
    },
    description = {
      "Sends a message to a peer, as the send_to_peer tool does.",
      "",
      "The running daemon delivers it; when no daemon answers, iapeer send",
      "delivers in-process and says so on stderr. The sender is --from, else the",
      "peer whose folder this is. A relative --attachment is taken from here."
    })
public final class SendCommand implements Runnable {
  static final String NEEDS =
      "send needs a target and a message — usage: iapeer send <target> --message <text> (or --message-file <f|->)";

  private final Context ctx;

  @Parameters(arity = "0..1", paramLabel = "<target>", description = "the peer's personality")
  String target;

  @Option(names = "--message", paramLabel = "<text>", description = "the message")
  String message;

  @Option(names = "--message-file", paramLabel = "<f|->", description = "read the message from a file, - for stdin")
  String messageFile;

  @Option(names = "--from", paramLabel = "<runtime>-<personality>", description = "the sender")
  String from;

  @Option(names = "--runtime", paramLabel = "<rt>", description = "deliver to this declared runtime")
  String runtime;

  @Option(names = "--topic", paramLabel = "<t>", description = "a topic that threads related messages")
  String topic;

  @Option(names = "--attachment", paramLabel = "<path>", description = "a file to attach (repeatable)")
  List<String> attachments = new ArrayList<>();

  public SendCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    if (target == null || (message == null && messageFile == null)) {
      throw new UsageError(NEEDS);
    }
    SendRequest request =
        new SendRequest(
            target, Optional.ofNullable(runtime), body(), Optional.ofNullable(topic), resolved(attachments), "cli");
    Sender sender =
        new Sender(
            DaemonClient.of(ctx.layout(), ctx.settings()),
            () -> Routing.inProcess(ctx.layout(), ctx.settings()),
            () -> new Registry(ctx.layout(), ctx::warn).read(),
            ctx::warn);
    ctx.out().println(outcome(sender.send(from == null ? cwdPeer() : from, request)));
  }

  /** The line for an accepted send (02 §12); a refusal is the verb's one error line, exit 1. */
  static String outcome(RouteResult result) {
    return switch (result) {
      case Refused r -> throw new IapException(r.error());
      case Accepted a when a.queue().isEmpty() ->
          "delivered to " + a.deliveredTo().personality() + " (" + a.deliveredTo().runtime() + ")";
      case Accepted a -> {
        var q = a.queue().get();
        String when = switch (q.by()) {
          case Queued.EPHEMERAL -> "the daemon tick drains it";
          case Queued.COMPOSER -> "someone is typing in that session; it is delivered when they are done";
          default -> "the session takes it when its running turn ends";
        };
        yield "queued for " + a.deliveredTo().personality() + " (" + a.deliveredTo().runtime() + "), depth "
            + q.depth() + " — " + when;
      }
    };
  }

  private String body() {
    if (message != null) {
      return message;
    }
    try {
      if (messageFile.equals("-")) {
        StringWriter all = new StringWriter();
        ctx.in().transferTo(all); // verbatim: no line ending is dropped or rewritten
        return all.toString();
      }
      return Files.readString(ctx.resolve(messageFile));
    } catch (IOException | UncheckedIOException e) {
      throw new IapException("cannot read --message-file " + messageFile + ": " + e.getMessage());
    }
  }

  /** Relative paths are the operator's, taken from where they stand (02 §15.2: resolve, not reject). */
  private List<String> resolved(List<String> paths) {
    return paths.stream()
        .map(p -> p.isEmpty() || p.startsWith("/") || p.contains("\n") || p.contains("\r")
            ? p
            : ctx.resolve(p).toString())
        .toList();
  }

  /** The identity of the peer whose folder the CLI runs in (02 §12). */
  private String cwdPeer() {
    if (ProfileReader.read(ctx.cwd()).isEmpty()) {
      throw new IapException(
          "no --from given and " + ctx.cwd() + " is not a peer folder (no .iapeer/peer-profile.json)"
              + " — pass --from <runtime>-<personality>");
    }
    return SelfIdentity.resolve(ctx.cwd(), ctx.env()).address().address();
  }
}
