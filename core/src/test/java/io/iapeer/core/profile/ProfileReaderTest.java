package io.iapeer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 01 §9.2–§9.3 and acceptance case 24; the reader never writes. */
class ProfileReaderTest {
  @TempDir Path tmp;
  Path cwd;

  @BeforeEach
  void folder() throws IOException {
    cwd = Files.createDirectories(tmp.resolve("boris"));
  }

  private void store(String json) throws IOException {
    Files.createDirectories(cwd.resolve(".iapeer"));
    Files.writeString(cwd.resolve(".iapeer/peer-profile.json"), json);
  }

  /** A minimal valid profile with {@code extra} members appended. */
  private PeerProfile readWith(String extra) throws IOException {
    store("{\"personality\":\"boris\",\"default_runtime\":\"claude\"" + extra + "}");
    return ProfileReader.read(cwd).orElseThrow();
  }

  private void assertReadFails(String json, String... substrings) throws IOException {
    store(json);
    var thrown = assertThatThrownBy(() -> ProfileReader.read(cwd)).isInstanceOf(IapException.class);
    for (String s : substrings) {
      thrown.hasMessageContaining(s);
    }
  }

  // --- §9.3, row by row ---

  @Test
  void anAbsentFileIsNoProfile() {
    assertThat(ProfileReader.read(cwd)).isEmpty();
    assertThat(ProfileReader.readRaw(cwd)).isEmpty();
    assertThat(cwd.resolve(".iapeer")).doesNotExist();
  }

  @Test
  void invalidJsonIsAnError() throws IOException {
    assertReadFails("{\"personality\": \"boris\",", ".iapeer/peer-profile.json is ", "invalid JSON");
  }

  @Test
  void anEmptyFileIsInvalidJson() throws IOException {
    assertReadFails("", "invalid JSON");
    assertReadFails(" \n", "invalid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"boris\"", "42", "null", "true"})
  void aRootThatIsNotAnObjectIsAnError(String json) throws IOException {
    assertReadFails(json, ".iapeer/peer-profile.json must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"personality\":null}", "{\"personality\":7}", "{\"personality\":\"  \"}", "{\"personality\":[\"boris\"]}"})
  void aMissingNonStringOrBlankPersonalityIsRequired(String json) throws IOException {
    assertReadFails(json, ".iapeer/peer-profile.json personality is required");
  }

  @Test
  void aPersonalityThatNormalizesToNoNameIsAnError() throws IOException {
    assertReadFails(
        "{\"personality\":\"2nd\",\"default_runtime\":\"claude\"}",
        "peer-profile personality must match /^[a-z][a-z0-9-]{0,31}$/, got \"2nd\"");
    assertReadFails(
        "{\"personality\":\"😀\",\"default_runtime\":\"claude\"}", "got \"😀\"");
  }

  @Test
  void theStoredPersonalityIsReadNormalized() throws IOException {
    store("{\"personality\":\"Café №2\",\"default_runtime\":\"claude\"}");

    assertThat(ProfileReader.read(cwd).orElseThrow().personality()).isEqualTo("cafe-no-2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"no-dash\"", "\"Claude\"", "\"\"", "7", "[\"claude\"]"})
  void anInvalidDefaultRuntimeIsAnError(String value) throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":" + value + "}",
        "peer-profile default_runtime must be a runtime id matching /^[a-z][a-z0-9]{0,31}$/, got ");
  }

  @Test
  void theInvalidDefaultRuntimeIsQuotedInTheMessage() throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"no-dash\"}", "got \"no-dash\"");
  }

  @Test
  void aBadRuntimesItemIsAnError() throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\",\"cl_aude\"]}",
        "peer-profile runtimes item must be a runtime id matching", "got \"cl_aude\"");
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\",7]}",
        "peer-profile runtimes item must be a runtime id matching");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "[]", "\"telegram\"", "1", "false"})
  void interfacesThatAreNotAnObjectAreAnError(String value) throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"interfaces\":" + value + "}",
        ".iapeer/peer-profile.json interfaces must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"bogus\"", "\"Human\"", "\"sentient\"", "7", "true", "{}"})
  void anUnrecognizedIntelligenceIsAnError(String value) throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"intelligence\":" + value + "}",
        "peer-profile intelligence must be one of ",
        "artificial|natural|absent",
        "got ");
  }

  @Test
  void theUnrecognizedIntelligenceIsQuotedInTheMessage() throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"intelligence\":\"bogus\"}",
        "(legacy human|scripted accepted), got \"bogus\"");
  }

  @Test
  void unknownFieldsAreIgnored() throws IOException {
    PeerProfile p = readWith(",\"persistent-peer\":{\"x\":1},\"notifier\":[1,2],\"zzz\":null");

    assertThat(p.personality()).isEqualTo("boris");
    assertThat(p.raw().has("persistent-peer")).isTrue();
  }

  @Test
  void aMinimalProfileReadsWithDefaults() throws IOException {
    PeerProfile p = readWith("");

    assertThat(p.cwd()).isEqualTo(cwd);
    assertThat(p.defaultRuntime()).isEqualTo("claude");
    assertThat(p.runtimes()).containsExactly("claude");
    assertThat(p.description()).isEmpty();
    assertThat(p.intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
    assertThat(p.intelligenceRaw()).isEmpty();
    assertThat(p.initialPrompt()).isEmpty();
    assertThat(p.ephemeral()).isFalse();
    assertThat(p.gated()).isFalse();
    assertThat(p.interfaces()).isEmpty();
  }

  // --- default_runtime and its legacy fallback ---

  @Test
  void anAbsentDefaultRuntimeFallsBackToTheLegacyRuntime() throws IOException {
    store("{\"personality\":\"boris\",\"runtime\":\"codex\"}");

    assertThat(ProfileReader.read(cwd).orElseThrow().defaultRuntime()).isEqualTo("codex");
  }

  @Test
  void aNullDefaultRuntimeFallsBackToTheLegacyRuntime() throws IOException {
    store("{\"personality\":\"boris\",\"default_runtime\":null,\"runtime\":\"telegram\"}");

    PeerProfile p = ProfileReader.read(cwd).orElseThrow();
    assertThat(p.defaultRuntime()).isEqualTo("telegram");
    assertThat(p.intelligence()).isEqualTo(Intelligence.NATURAL); // the fallback's default
  }

  @Test
  void anInvalidDefaultRuntimeDoesNotFallBack() throws IOException {
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"no-dash\",\"runtime\":\"claude\"}",
        "default_runtime must be a runtime id", "got \"no-dash\"");
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":\"\",\"runtime\":\"claude\"}",
        "default_runtime must be a runtime id");
  }

  @Test
  void defaultRuntimeWinsOverADivergedMirror() throws IOException {
    store("{\"personality\":\"boris\",\"default_runtime\":\"codex\",\"runtime\":\"claude\"}");

    assertThat(ProfileReader.read(cwd).orElseThrow().defaultRuntime()).isEqualTo("codex");
  }

  @Test
  void neitherFieldIsAnError() throws IOException {
    assertReadFails("{\"personality\":\"boris\"}", "default_runtime must be a runtime id");
    assertReadFails(
        "{\"personality\":\"boris\",\"default_runtime\":null,\"runtime\":null}",
        "default_runtime must be a runtime id");
  }

  // --- runtimes ---

  @Test
  void runtimesAreDedupedWithTheDefaultFirst() throws IOException {
    PeerProfile p = readWith(",\"runtimes\":[\"telegram\",\"codex\",\"claude\",\"telegram\",\"codex\"]");

    assertThat(p.runtimes()).containsExactly("claude", "telegram", "codex");
  }

  @Test
  void runtimesWithoutTheDefaultGetItFirst() throws IOException {
    assertThat(readWith(",\"runtimes\":[\"codex\"]").runtimes()).containsExactly("claude", "codex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"codex\"", "{\"codex\":true}", "3"})
  void runtimesThatAreNotAnArrayAreJustTheDefault(String value) throws IOException {
    assertThat(readWith(",\"runtimes\":" + value).runtimes()).containsExactly("claude");
  }

  @Test
  void anEmptyRuntimesArrayIsJustTheDefault() throws IOException {
    assertThat(readWith(",\"runtimes\":[]").runtimes()).containsExactly("claude");
  }

  // --- description ---

  @Test
  void theDescriptionIsTrimmed() throws IOException {
    assertThat(readWith(",\"description\":\"  General helper.\\n\\t\"").description())
        .isEqualTo("General helper.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "42", "[\"x\"]", "{}"})
  void aNonStringDescriptionIsEmpty(String value) throws IOException {
    assertThat(readWith(",\"description\":" + value).description()).isEmpty();
  }

  @Test
  void aLongDescriptionIsNotClampedLocally() throws IOException {
    // The 450 clamp is the registry's (01 §9.2); the profile keeps what the owner wrote.
    String long500 = "d".repeat(500);

    assertThat(readWith(",\"description\":\"" + long500 + "\"").description()).isEqualTo(long500);
  }

  // --- intelligence ---

  @ParameterizedTest
  @ValueSource(strings = {"", ",\"intelligence\":null", ",\"intelligence\":\"\""})
  void aMissingNullOrEmptyIntelligenceIsTheRuntimeDefault(String member) throws IOException {
    store("{\"personality\":\"boris\",\"default_runtime\":\"notifier\"" + member + "}");
    PeerProfile p = ProfileReader.read(cwd).orElseThrow();
    assertThat(p.intelligence()).isEqualTo(Intelligence.ABSENT);
    assertThat(p.intelligenceRaw()).isEmpty();

    store("{\"personality\":\"boris\",\"default_runtime\":\"telegram\"" + member + "}");
    assertThat(ProfileReader.read(cwd).orElseThrow().intelligence()).isEqualTo(Intelligence.NATURAL);

    store("{\"personality\":\"boris\",\"default_runtime\":\"claude\"" + member + "}");
    assertThat(ProfileReader.read(cwd).orElseThrow().intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
  }

  @Test
  void legacyAliasesAreReadAsContractValuesAndTheRawWordIsKept() throws IOException {
    PeerProfile human = readWith(",\"intelligence\":\"human\"");
    assertThat(human.intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(human.intelligenceRaw()).contains("human");

    PeerProfile scripted = readWith(",\"intelligence\":\"scripted\"");
    assertThat(scripted.intelligence()).isEqualTo(Intelligence.ABSENT);
    assertThat(scripted.intelligenceRaw()).contains("scripted");
  }

  @Test
  void anIntelligenceOutsideTheRuntimesAllowedSetStillReads() throws IOException {
    // Allowed sets gate provisioning (01 §5.2), not reading what is stored.
    assertThat(readWith(",\"intelligence\":\"natural\"").intelligence()).isEqualTo(Intelligence.NATURAL);
  }

  // --- lifecycle fields ---

  @Test
  void theInitialPromptIsKeptOnlyWhenANonEmptyString() throws IOException {
    assertThat(readWith(",\"initial_prompt\":\"Greet the owner.\"").initialPrompt())
        .contains("Greet the owner.");
    assertThat(readWith(",\"initial_prompt\":\"\"").initialPrompt()).isEmpty();
    assertThat(readWith(",\"initial_prompt\":42").initialPrompt()).isEmpty();
  }

  @Test
  void wakePolicyEphemeralIsReadBack() throws IOException {
    assertThat(readWith(",\"wake_policy\":\"ephemeral\"").ephemeral()).isTrue();
  }

  @Test
  void anAbsentWakePolicyIsAbsent() throws IOException {
    assertThat(readWith("").ephemeral()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"persistent-future\"", "\"Ephemeral\"", "null", "1"})
  void anUnknownWakePolicyIsOmittedWithoutError(String value) throws IOException {
    assertThat(readWith(",\"wake_policy\":" + value).ephemeral()).isFalse();
  }

  @Test
  void anAbsentApprovalModeIsYolo() throws IOException {
    PeerProfile p = readWith("");

    assertThat(p.gated()).isFalse();
    assertThat(p.approvalMode()).isEqualTo("yolo");
  }

  @Test
  void aStoredGatedIsHonoured() throws IOException {
    PeerProfile p = readWith(",\"approval_mode\":\"gated\"");

    assertThat(p.gated()).isTrue();
    assertThat(p.approvalMode()).isEqualTo("gated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yolo\"", "\"nonsense\"", "\"GATED\"", "null", "true"})
  void anyOtherApprovalModeIsYoloWithoutError(String value) throws IOException {
    assertThat(readWith(",\"approval_mode\":" + value).approvalMode()).isEqualTo("yolo");
  }

  // --- interfaces ---

  @Test
  void interfacesAreReadAsStoredWithoutValidation() throws IOException {
    PeerProfile p =
        readWith(",\"interfaces\":{\"telegram\":{\"bot_username\":\"b\",\"anything\":[1]},\"x\":2}");

    assertThat(p.interfaces()).isPresent();
    assertThat(p.interfaces().get().at("/telegram/bot_username").asString()).isEqualTo("b");
    assertThat(p.interfaces().get().get("x").asInt()).isEqualTo(2);
  }

  @Test
  void emptyInterfacesArePresentButEmpty() throws IOException {
    assertThat(readWith(",\"interfaces\":{}").interfaces()).hasValueSatisfying(o -> assertThat(o.isEmpty()).isTrue());
  }

  // --- readRaw ---

  @Test
  void readRawReturnsTheWholeStoredObjectInOrder() throws IOException {
    store("{\"zeta\":1,\"personality\":\"Boris\",\"runtime\":\"claude\",\"x\":{\"n\":1.0}}");

    assertThat(ProfileReader.readRaw(cwd).orElseThrow().propertyNames())
        .containsExactly("zeta", "personality", "runtime", "x");
  }

  @Test
  void anUnreadableProfileIsAnErrorNotAMissingOne() throws IOException {
    Files.createDirectories(cwd.resolve(".iapeer/peer-profile.json")); // a directory in its place

    assertThatThrownBy(() -> ProfileReader.read(cwd))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("peer-profile.json");
  }
}
