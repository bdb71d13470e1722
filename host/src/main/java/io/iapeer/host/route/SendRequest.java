package io.iapeer.host.route;

import java.util.List;
import java.util.Optional;

/**
 * One send as the tool or the CLI hands it over, after argument coercion (02 §7.4) and before
 * validation (02 §7.7). An attachment that was not a string arrives as {@code ""}, which fails the
 * absolute-path check like any relative path.
 *
 * @param personality the target personality ({@code ""} when missing)
 * @param runtime an explicit target runtime
 * @param message the body ({@code ""} when missing)
 * @param path where the send came from, for delivery.log: {@code mcp} or {@code cli}
 */
public record SendRequest(
    String personality,
    Optional<String> runtime,
    String message,
    Optional<String> topic,
    List<String> attachments,
    String path) {

  public SendRequest {
    attachments = List.copyOf(attachments);
  }
}
