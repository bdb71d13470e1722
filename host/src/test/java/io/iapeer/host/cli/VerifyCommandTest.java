package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.profile;
import static io.iapeer.host.cli.Fixtures.read;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.registry.UpsertRequest;
import io.iapeer.core.storage.Json;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code iapeer verify [--json] [--fix]} (04 §3.14, 01 §10, §15.4, 01 case 43). */
class VerifyCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;
  Sandbox sb;
  Path boris;
  Path maria;

  @BeforeEach
  void twoPeers() {
    sb = new Sandbox(tmp).installed("claude");
    assertThat(sb.run("create", "boris").code()).isZero();
    assertThat(sb.run("create", "maria").code()).isZero();
    boris = sb.root.resolve("peers/boris");
    maria = sb.root.resolve("peers/maria");
  }

  private void profileText(Path cwd, String json) {
    write(cwd.resolve(".iapeer/peer-profile.json"), json);
  }

  private static String summary(int peers, int errors, int drift) {
    return peers + " peers · " + errors + " error(s) · " + drift + " index↔local drift(s)\n";
  }

  // --- parse ---

  @Test
  void jsonAndFixAreFlags() {
    VerifyCommand v = Fixtures.parse(VerifyCommand.class, "verify", "--json", "--fix");
    assertThat(v.json).isTrue();
    assertThat(v.fix).isTrue();
    VerifyCommand plain = Fixtures.parse(VerifyCommand.class, "verify");
    assertThat(plain.json).isFalse();
    assertThat(plain.fix).isFalse();
    assertThatThrownBy(() -> Fixtures.parse(VerifyCommand.class, "verify", "boris"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  // --- run ---

  @Test
  void aConformantHostIsTheSummaryAloneExitZeroAndNoWrite() {
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(summary(2, 0, 0));
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void aMissingProfileIsAnErrorWithItsPath() throws Exception {
    Files.delete(boris.resolve(".iapeer/peer-profile.json"));
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "✗ boris: no local profile at " + boris.resolve(".iapeer/peer-profile.json") + "\n\n"
                + summary(2, 1, 0));
  }

  @Test
  void anUnparsableProfileIsAnErrorAndDoesNotAbortTheRest() {
    profileText(boris, "{ not json");
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isEqualTo(1);
    List<String> lines = Fixtures.lines(r.out());
    assertThat(lines.get(0)).startsWith("✗ boris: profile is invalid JSON — ");
    assertThat(lines.subList(1, lines.size())).containsExactly("", summary(2, 1, 0).strip());
  }

  @Test
  void standardErrorsAreListedByFieldAndCounted() {
    profileText(boris, "{\"personality\": \"boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"codex\"], \"intelligence\": \"bogus\"}");
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "✗ boris: runtimes — runtimes must contain the default runtime \"claude\"; intelligence —"
                + " intelligence must be one of artificial|natural|absent (legacy human|scripted"
                + " accepted), got \"bogus\"\n\n"
                + summary(2, 2, 0));
  }

  @Test
  void warningsArePrintedButDoNotFail() {
    profileText(boris, "{\"personality\": \"Boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"], \"aliases\": [\"b\"]}");
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("⚠ boris: personality, aliases\n\n" + summary(2, 0, 0));
  }

  @Test
  void warningsAreLeftOutOfJson() {
    profileText(boris, "{\"personality\": \"Boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"]}");
    Sandbox.Run r = sb.run("verify", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).doesNotContain("⚠");
    assertThat(Json.parse(r.out()).get("errors").asInt()).isZero();
  }

  @Test
  void driftIsReportedPerPeerAndFailsWithoutFix() {
    profileText(boris, "{\"personality\": \"boris\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"], \"description\": \"new words\"}");
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("↯ boris: index↔local drift on description\n\n" + summary(2, 0, 1));
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void aStaleRegistryIsReportedUntouchedAndHealedByFix() {
    String registryBefore;
    Fixtures.registry(sb)
        .upsert(
            UpsertRequest.of("boris", "claude", boris)
                .withRuntimes(List.of("claude", "codex"))
                .withDescription("old words"));
    registryBefore = read(sb.registry());

    Sandbox.Run check = sb.run("verify");
    assertThat(check.code()).isEqualTo(1);
    assertThat(check.out()).isEqualTo("↯ boris: index↔local drift on runtimes, description\n\n" + summary(2, 0, 1));
    assertThat(read(sb.registry())).isEqualTo(registryBefore);

    Sandbox.Run fix = sb.run("verify", "--fix");
    assertThat(fix.code()).isZero();
    assertThat(fix.out())
        .isEqualTo(
            "↯ boris: index↔local drift on runtimes, description\n\n" + summary(2, 0, 1)
                + "self-healed index from local profiles:\n  boris: runtimes, description\n");
    var healed = record(sb, "boris").orElseThrow();
    assertThat(healed.runtimes()).containsExactly("claude");
    assertThat(healed.description()).isEmpty();
    assertThat(read(sb.registry())).contains("\"default_runtime\"").doesNotContain("\"runtime\"");

    Sandbox.Run again = sb.run("verify");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo(summary(2, 0, 0));
  }

  @Test
  void fixStripsALegacyRuntimeFieldAndKeepsTheDefault() {
    profileText(boris, "{\"personality\": \"boris\", \"runtime\": \"claude\", \"runtimes\": [\"claude\"], \"owner\": {\"k\": 1}}");
    Sandbox.Run check = sb.run("verify");
    assertThat(check.code()).isZero();
    assertThat(check.out()).isEqualTo("⚠ boris: default_runtime\n\n" + summary(2, 0, 0));

    Sandbox.Run fix = sb.run("verify", "--fix");
    assertThat(fix.code()).isZero();
    assertThat(fix.out()).endsWith("stripped legacy `runtime` mirror (default_runtime only): boris\n");
    JsonNode p = profile(boris);
    assertThat(p.has("runtime")).isFalse();
    assertThat(p.get("default_runtime").asString()).isEqualTo("claude");
    assertThat(p.get("owner").get("k").asInt()).isEqualTo(1);
    assertThat(sb.run("verify").out()).isEqualTo(summary(2, 0, 0));
  }

  @Test
  void anInSyncMirrorRaisesNoIssueButFixStillStripsIt() {
    profileText(maria, "{\"personality\": \"maria\", \"runtime\": \"claude\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"]}");
    assertThat(sb.run("verify").out()).isEqualTo(summary(2, 0, 0));
    Sandbox.Run fix = sb.run("verify", "--fix");
    assertThat(fix.out()).isEqualTo(summary(2, 0, 0) + "stripped legacy `runtime` mirror (default_runtime only): maria\n");
    assertThat(profile(maria).has("runtime")).isFalse();
  }

  @Test
  void fixWithErrorsAndNoDriftRewritesNothingAndStillFails() throws Exception {
    Files.delete(boris.resolve(".iapeer/peer-profile.json"));
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("verify", "--fix");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void fixWithDriftReindexesAndNamesPeersWithoutAProfileOnStderr() throws Exception {
    Files.delete(boris.resolve(".iapeer/peer-profile.json"));
    profileText(maria, "{\"personality\": \"maria\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"], \"description\": \"d\"}");
    Sandbox.Run r = sb.run("verify", "--fix");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).endsWith("self-healed index from local profiles:\n  maria: description\n");
    assertThat(r.err()).isEqualTo("peers with no local profile (left untouched): boris\n");
    assertThat(record(sb, "maria").orElseThrow().description()).isEqualTo("d");
    assertThat(record(sb, "boris")).isPresent();
  }

  @Test
  void jsonIsPeersErrorsDriftAndTheReconcileList() throws Exception {
    Files.delete(boris.resolve(".iapeer/peer-profile.json"));
    profileText(maria, "{\"personality\": \"maria\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"], \"description\": \"d\"}");
    Sandbox.Run r = sb.run("verify", "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(Json.parse(r.out()))
        .isEqualTo(
            Json.parse(
                """
                {"peers": 2, "errors": 1, "drift": 1, "reconcile": [
                  {"personality": "boris", "cwd": "%s", "drift": null},
                  {"personality": "maria", "cwd": "%s", "drift": ["description"]}
                ]}
                """
                    .formatted(boris, maria)));
    assertThat(r.out()).startsWith("{\n  \"peers\": 2,").endsWith("}\n");
  }

  @Test
  void anEmptyRegistryVerifiesClean(@TempDir(factory = FastTempDir.class) Path other) {
    Sandbox.Run r = new Sandbox(other).run("verify");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(summary(0, 0, 0));
  }

  @Test
  void jsonWithFixStaysOneJsonDocumentThatSaysWhatWasFixed() {
    Fixtures.registry(sb).upsert(UpsertRequest.of("boris", "claude", boris).withRuntimes(List.of("codex")));
    Sandbox.Run r = sb.run("verify", "--json", "--fix");
    assertThat(r.code()).isZero();
    JsonNode report = Json.parse(r.out());
    assertThat(report.get("drift").asInt()).isEqualTo(1);
    assertThat(report.get("fixed").get("healed").get(0).asString()).isEqualTo("boris: runtimes");
    assertThat(sb.run("verify").code()).isZero();
  }

  @Test
  void aPersonalityThatCannotBeANameIsAnErrorNotAWarning() {
    profileText(boris, "{\"personality\": \"2nd\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"]}");
    Sandbox.Run r = sb.run("verify");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("✗ boris: personality — personality must match");
  }
}
