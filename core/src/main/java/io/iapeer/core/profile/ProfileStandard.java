package io.iapeer.core.profile;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.NameNormalizer;
import io.iapeer.core.peer.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The validator {@code verify} runs on a stored profile (01 §10): checks in the spec's order;
 * conformant means no error. Unlike the reader it reports every problem instead of the first.
 */
public final class ProfileStandard {
  private ProfileStandard() {}

  public static List<ProfileIssue> validate(JsonNode raw, Path cwd) {
    List<ProfileIssue> issues = new ArrayList<>();
    if (raw == null || !raw.isObject()) {
      issues.add(ProfileIssue.error("<root>", "profile must be a JSON object"));
      return issues;
    }
    JsonNode p = raw.get("personality");
    Path base = cwd.toAbsolutePath().normalize().getFileName();
    String expected = NameNormalizer.normalize(base == null ? "" : base.toString());
    // What the reader refuses is an error here too, so verify never passes a profile init rejects.
    if (p == null || !p.isString() || p.asString().isBlank()) {
      issues.add(ProfileIssue.error("personality", "personality is required"));
    } else if (!Names.isPersonality(NameNormalizer.normalize(p.asString()))) {
      issues.add(
          ProfileIssue.error(
              "personality",
              "personality must match /" + Names.PERSONALITY_REGEX + "/, got " + ProfileReader.shown(p)));
    } else if (!p.asString().equals(expected)) {
      issues.add(
          ProfileIssue.warn(
              "personality",
              "personality " + ProfileReader.shown(p) + " does not mirror the folder name \""
                  + expected + "\""));
    }

    JsonNode dr = raw.get("default_runtime");
    JsonNode legacy = raw.get("runtime");
    JsonNode effective = dr == null || dr.isNull() ? legacy : dr;
    boolean defaultValid = effective != null && effective.isString() && Names.isRuntime(effective.asString());
    if (!defaultValid) {
      issues.add(
          ProfileIssue.error(
              "default_runtime",
              "default_runtime must be a runtime id matching /" + Names.RUNTIME_REGEX + "/, got "
                  + ProfileReader.shown(effective)));
    } else if (dr == null || dr.isNull()) {
      issues.add(ProfileIssue.warn("default_runtime", "legacy field name `runtime`; use default_runtime"));
    } else if (legacy != null && !legacy.equals(dr)) {
      issues.add(
          ProfileIssue.warn(
              "default_runtime",
              "legacy `runtime` " + ProfileReader.shown(legacy) + " diverged from default_runtime "
                  + ProfileReader.shown(dr)));
    }

    JsonNode rts = raw.get("runtimes");
    if (rts == null || !rts.isArray()) {
      issues.add(ProfileIssue.error("runtimes", "runtimes must be an array of runtime ids"));
    } else {
      boolean containsDefault = false;
      for (JsonNode item : rts) {
        if (!item.isString() || !Names.isRuntime(item.asString())) {
          issues.add(
              ProfileIssue.error(
                  "runtimes",
                  "runtimes item must be a runtime id matching /" + Names.RUNTIME_REGEX + "/, got "
                      + ProfileReader.shown(item)));
        } else if (defaultValid && item.asString().equals(effective.asString())) {
          containsDefault = true;
        }
      }
      if (defaultValid && !containsDefault) {
        issues.add(
            ProfileIssue.error(
                "runtimes", "runtimes must contain the default runtime \"" + effective.asString() + "\""));
      }
    }

    JsonNode d = raw.get("description");
    if (d != null && !d.isString()) {
      issues.add(ProfileIssue.error("description", "description must be a string"));
    }
    JsonNode i = raw.get("intelligence");
    if (i != null && (!i.isString() || Intelligence.normalize(i.asString()).isEmpty())) {
      issues.add(
          ProfileIssue.error(
              "intelligence",
              "intelligence must be one of artificial|natural|absent (legacy human|scripted"
                  + " accepted), got " + ProfileReader.shown(i)));
    }
    JsonNode ip = raw.get("initial_prompt");
    if (ip != null && !ip.isString()) {
      issues.add(ProfileIssue.error("initial_prompt", "initial_prompt must be a string"));
    }
    JsonNode wp = raw.get("wake_policy");
    if (wp != null && !(wp.isString() && wp.asString().equals("ephemeral"))) {
      issues.add(
          ProfileIssue.warn(
              "wake_policy", "wake_policy " + ProfileReader.shown(wp) + " is ignored (only \"ephemeral\")"));
    }
    JsonNode ifs = raw.get("interfaces");
    if (ifs != null && !ifs.isObject()) {
      issues.add(ProfileIssue.error("interfaces", "interfaces must be a JSON object"));
    }
    if (raw.has("aliases")) {
      issues.add(ProfileIssue.warn("aliases", "top-level aliases belong in expansion.aliases"));
    }
    if (ifs != null && ifs.isObject() && ifs.path("telegram").has("aliases")) {
      issues.add(
          ProfileIssue.warn(
              "interfaces.telegram.aliases",
              "aliases are plugin config, not passport — move them to expansion.aliases"));
    }
    return issues;
  }
}
