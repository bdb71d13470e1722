package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import java.util.Optional;

/**
 * Where agent sessions live: one server per identity, one session per server, named by the
 * identity (03 hosting model, 06 D1). The seam the lifecycle is unit-tested against.
 *
 * <p>Contract: every call is bounded in time. Queries ({@link #alive}, {@link #classifyDeath},
 * {@link #sessionToken}, {@link #clientAttached}) never throw for a dead or missing session; actions
 * on one throw {@link TmuxException} ({@code tmux <verb> failed: …}). {@link #kill} is idempotent.
 * An unusable socket path (over 107 bytes) throws {@link io.iapeer.core.IapException} naming
 * {@code IAPEER_SOCK_DIR} from every call.
 */
public interface SessionHost {
  /** Tears down any stale server on the identity's socket, then starts the session (03 §5 1–3). */
  void start(SessionSpec spec);

  /** Logs the process's exit cause to exits.log and ends the session (03 §5 step 4, §10.2). */
  void installExitHook(Identity id);

  /** Appends the pane's raw output to {@code <paneLogDir>/<identity>.log} (03 §5 step 5, §10.4). */
  void logPane(Identity id);

  /** The session exists and its process has not died (03 §6). */
  boolean alive(Identity id);

  /** Ends the session, and the server with its socket once no session remains (03 §6). */
  void kill(Identity id);

  /** Why a session found dead is gone (03 §6); meant for a session {@link #alive} denies. */
  Death classifyDeath(Identity id);

  /** The visible screen as text, no escapes ({@code capture-pane -p}). */
  String capture(Identity id);

  /**
   * The visible screen with its SGR escapes ({@code capture-pane -p -e}): what tells a human's
   * typing from a placeholder drawn faint or grey (02 §9.8).
   */
  String captureStyled(Identity id);

  /** Types {@code text} as one paste through a uniquely named buffer (03 §7.1 steps 1–2). */
  void paste(Identity id, String text, PasteMode mode);

  /** Key names such as {@code Enter}, {@code C-j}, {@code Escape} (03 §7.2). */
  void sendKeys(Identity id, String... keys);

  /** Types {@code text} character by character, no key-name lookup ({@code send-keys -l}). */
  void sendLiteral(Identity id, String text);

  /** {@code <pane pid>:#{session_id}:#{pane_id}} of the live session; changes whenever it is relaunched. */
  Optional<String> sessionToken(Identity id);

  /** Whether a client (a human) is attached to the session (06 D1). */
  boolean clientAttached(Identity id);

  /**
   * {@link #alive} and {@link #clientAttached} together: empty when the session is not alive, else
   * whether a client is attached. A delivery asks both, and a host may answer them in one look.
   */
  default Optional<Boolean> attachedIfAlive(Identity id) {
    return alive(id) ? Optional.of(clientAttached(id)) : Optional.empty();
  }

  /** The command an operator runs to watch and type into the session (03 §6). */
  AttachInvocation attachCommand(Identity id);
}
