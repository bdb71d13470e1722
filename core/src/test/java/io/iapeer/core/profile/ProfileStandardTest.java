package io.iapeer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.profile.ProfileIssue.Severity;
import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The validator of 01 §10 and acceptance cases 39–42. It reads raw JSON and never touches disk. */
class ProfileStandardTest {
  @TempDir Path tmp;

  private List<ProfileIssue> validate(String json) {
    return validateIn("boris", json);
  }

  private List<ProfileIssue> validateIn(String folder, String json) {
    return ProfileStandard.validate(Json.parse(json), tmp.resolve(folder));
  }

  /** A conformant profile of folder {@code boris} with {@code extra} members appended. */
  private static String boris(String extra) {
    return "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"],"
        + "\"description\":\"d\",\"intelligence\":\"artificial\"" + extra + "}";
  }

  private static boolean conformant(List<ProfileIssue> issues) {
    return issues.stream().noneMatch(ProfileIssue::isError);
  }

  private static List<String> fields(List<ProfileIssue> issues, Severity s) {
    return issues.stream().filter(i -> i.severity() == s).map(ProfileIssue::field).toList();
  }

  // --- case 39 ---

  @Test
  void case39_aConformantDefaultRuntimeProfileHasNoIssues() {
    assertThat(validate(boris(""))).isEmpty();
  }

  @Test
  void case39_anInSyncMirrorHasNoIssues() {
    assertThat(validate(boris(",\"runtime\":\"claude\""))).isEmpty();
  }

  @Test
  void aFullProfileWithOwnerSectionsHasNoIssues() {
    assertThat(
            validate(
                boris(
                    ",\"initial_prompt\":\"hi\",\"wake_policy\":\"ephemeral\",\"approval_mode\":\"gated\","
                        + "\"interfaces\":{\"telegram\":{\"bot_username\":\"b\"}},"
                        + "\"expansion\":{\"aliases\":[\"b\"]},\"notifier\":{},\"anything\":[1]")))
        .isEmpty();
  }

  // --- case 40 ---

  @Test
  void case40_aLegacyOnlyRuntimeWarnsOnDefaultRuntime() {
    List<ProfileIssue> issues =
        validate("{\"personality\":\"boris\",\"runtime\":\"claude\",\"runtimes\":[\"claude\"]}");

    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.severity()).isEqualTo(Severity.WARN);
              assertThat(i.field()).isEqualTo("default_runtime");
              assertThat(i.message()).contains("legacy field name");
            });
    assertThat(conformant(issues)).isTrue();
  }

  @Test
  void case40_aNullDefaultRuntimeWithALegacyRuntimeIsTheLegacyWarning() {
    List<ProfileIssue> issues =
        validate("{\"personality\":\"boris\",\"default_runtime\":null,\"runtime\":\"claude\",\"runtimes\":[\"claude\"]}");

    assertThat(fields(issues, Severity.WARN)).containsExactly("default_runtime");
    assertThat(conformant(issues)).isTrue();
  }

  @Test
  void case40_aDivergedMirrorWarnsDiverged() {
    List<ProfileIssue> issues = validate(boris(",\"runtime\":\"codex\""));

    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.severity()).isEqualTo(Severity.WARN);
              assertThat(i.field()).isEqualTo("default_runtime");
              assertThat(i.message()).contains("diverged");
            });
    assertThat(conformant(issues)).isTrue();
  }

  // --- case 41 ---

  @Test
  void case41_telegramAliasesInInterfacesWarn() {
    List<ProfileIssue> issues =
        validate(boris(",\"interfaces\":{\"telegram\":{\"bot_username\":\"b\",\"aliases\":[\"x\"]}}"));

    assertThat(fields(issues, Severity.WARN)).containsExactly("interfaces.telegram.aliases");
    assertThat(conformant(issues)).isTrue();
  }

  @Test
  void case41_aPassportOnlyTelegramWithExpansionAliasesHasNoIssues() {
    assertThat(
            validate(
                boris(",\"interfaces\":{\"telegram\":{\"bot_username\":\"b\"}},\"expansion\":{\"aliases\":[\"x\"]}")))
        .isEmpty();
  }

  @Test
  void case41_topLevelAliasesWarn() {
    List<ProfileIssue> issues = validate(boris(",\"aliases\":[\"x\"]"));

    assertThat(fields(issues, Severity.WARN)).containsExactly("aliases");
    assertThat(issues.get(0).message()).contains("expansion.aliases");
  }

  @Test
  void case41_aPersonalityThatDoesNotMirrorTheFolderWarns() {
    List<ProfileIssue> issues =
        validateIn("boris", "{\"personality\":\"WRONG\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}");

    assertThat(fields(issues, Severity.WARN)).containsExactly("personality");
    assertThat(conformant(issues)).isTrue();
  }

  @Test
  void thePersonalityMirrorComparesTheRawValueWithTheNormalizedFolderName() {
    String profile = "{\"personality\":\"cafe-no-2\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}";
    assertThat(validateIn("Café №2", profile)).isEmpty();

    // "Boris" normalizes to the folder's name but is not stored as it: the mirror is raw.
    assertThat(fields(validateIn("boris", boris("").replace("\"boris\"", "\"Boris\"")), Severity.WARN))
        .containsExactly("personality");
  }

  // The reader refuses these profiles (01 §9.3), so verify reports them as errors, not warnings:
  // a profile verify passes must be one init can read.
  @ParameterizedTest
  @ValueSource(strings = {"null", "7", "[\"boris\"]", "\"  \"", "\"2nd\"", "\"😀\""})
  void aPersonalityTheReaderRefusesIsAnError(String value) {
    List<ProfileIssue> issues =
        validate("{\"personality\":" + value + ",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}");

    assertThat(fields(issues, Severity.ERROR)).containsExactly("personality");
    assertThat(conformant(issues)).isFalse();
  }

  @Test
  void aMissingPersonalityIsAnError() {
    List<ProfileIssue> issues = validate("{\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}");
    assertThat(fields(issues, Severity.ERROR)).containsExactly("personality");
    assertThat(issues.get(0).message()).contains("personality is required");
  }

  // --- case 42 ---

  @Test
  void case42_anInvalidDefaultRuntimeIsAnError() {
    List<ProfileIssue> issues =
        validate("{\"personality\":\"boris\",\"default_runtime\":\"no-dash\",\"runtimes\":[\"claude\"]}");

    assertThat(fields(issues, Severity.ERROR)).containsExactly("default_runtime");
    assertThat(issues.get(0).message()).contains("\"no-dash\"");
    assertThat(conformant(issues)).isFalse();
  }

  @Test
  void case42_runtimesWithoutTheDefaultIsAnError() {
    List<ProfileIssue> issues =
        validate("{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"codex\"]}");

    assertThat(fields(issues, Severity.ERROR)).containsExactly("runtimes");
    assertThat(issues.get(0).message()).contains("\"claude\"");
  }

  @Test
  void case42_anUnrecognizedIntelligenceIsAnError() {
    List<ProfileIssue> issues = validate(boris("").replace("\"artificial\"", "\"bogus\""));

    assertThat(fields(issues, Severity.ERROR)).containsExactly("intelligence");
    assertThat(issues.get(0).message()).contains("bogus");
  }

  @Test
  void case42_noRuntimeFieldAtAllIsAnError() {
    List<ProfileIssue> issues = validate("{\"personality\":\"boris\",\"runtimes\":[\"claude\"]}");

    assertThat(fields(issues, Severity.ERROR)).containsExactly("default_runtime");
  }

  @ParameterizedTest
  @ValueSource(strings = {"artificial", "natural", "absent", "human", "scripted"})
  void case42_theFiveIntelligenceWordsPass(String word) {
    assertThat(validate(boris("").replace("\"artificial\"", "\"" + word + "\""))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "\"Human\"", "1", "{}"})
  void aPresentButUnrecognizedIntelligenceIsAnErrorIncludingNull(String value) {
    // Stricter than the reader, which defaults null and "" (01 Q9).
    assertThat(fields(validate(boris(",\"x\":0").replace("\"artificial\"", value)), Severity.ERROR))
        .containsExactly("intelligence");
  }

  @Test
  void anAbsentIntelligenceIsFine() {
    assertThat(validate("{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}"))
        .isEmpty();
  }

  // --- the remaining rows of §10 ---

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"boris\"", "42", "null"})
  void aRootThatIsNotAnObjectIsOneErrorAndStops(String json) {
    assertThat(validate(json))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.severity()).isEqualTo(Severity.ERROR);
              assertThat(i.field()).isEqualTo("<root>");
            });
  }

  @Test
  void nullRawIsARootError() {
    assertThat(fields(ProfileStandard.validate((JsonNode) null, tmp), Severity.ERROR)).containsExactly("<root>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"claude\"", "{}"})
  void runtimesThatAreNotAnArrayAreAnError(String value) {
    String json = "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":" + value + "}";

    assertThat(fields(validate(json), Severity.ERROR)).containsExactly("runtimes");
  }

  @Test
  void aMissingRuntimesIsAnError() {
    assertThat(fields(validate("{\"personality\":\"boris\",\"default_runtime\":\"claude\"}"), Severity.ERROR))
        .containsExactly("runtimes");
  }

  @Test
  void everyInvalidRuntimesItemIsItsOwnError() {
    String json =
        "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\",\"no-dash\",7,\"Codex\"]}";

    assertThat(fields(validate(json), Severity.ERROR)).containsExactly("runtimes", "runtimes", "runtimes");
  }

  @Test
  void theDefaultMayAppearAnywhereInRuntimes() {
    String json = "{\"personality\":\"boris\",\"default_runtime\":\"claude\",\"runtimes\":[\"codex\",\"claude\"]}";

    assertThat(validate(json)).isEmpty();
  }

  @Test
  void aNonStringDescriptionIsAnError() {
    assertThat(fields(validate(boris("").replace("\"d\"", "42")), Severity.ERROR)).containsExactly("description");
  }

  @Test
  void aNonStringInitialPromptIsAnError() {
    assertThat(fields(validate(boris(",\"initial_prompt\":[\"hi\"]")), Severity.ERROR))
        .containsExactly("initial_prompt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"persistent-future\"", "\"Ephemeral\"", "null", "1"})
  void aWakePolicyOtherThanEphemeralWarns(String value) {
    List<ProfileIssue> issues = validate(boris(",\"wake_policy\":" + value));

    assertThat(fields(issues, Severity.WARN)).containsExactly("wake_policy");
    assertThat(conformant(issues)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "[]", "\"telegram\""})
  void interfacesThatAreNotAnObjectAreAnError(String value) {
    assertThat(fields(validate(boris(",\"interfaces\":" + value)), Severity.ERROR)).containsExactly("interfaces");
  }

  @Test
  void everyProblemIsReportedInTheSpecsOrder() {
    String json =
        "{\"personality\":\"WRONG\",\"default_runtime\":\"claude\",\"runtime\":\"codex\","
            + "\"runtimes\":[\"codex\",\"x-y\"],\"description\":1,\"intelligence\":\"bogus\","
            + "\"initial_prompt\":2,\"wake_policy\":\"always\",\"interfaces\":{\"telegram\":{\"aliases\":[]}},"
            + "\"aliases\":[]}";

    assertThat(validate(json))
        .extracting(ProfileIssue::field)
        .containsExactly(
            "personality", "default_runtime", "runtimes", "runtimes", "description", "intelligence",
            "initial_prompt", "wake_policy", "aliases", "interfaces.telegram.aliases");
  }
}
