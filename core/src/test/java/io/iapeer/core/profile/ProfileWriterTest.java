package io.iapeer.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.storage.Json;
import io.iapeer.core.testsupport.ChildJvm;
import io.iapeer.core.testsupport.LockMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The merge-write of 01 §9.4 and acceptance cases 21–23, 25, 26 (as rewritten by 06 D6) and 44. */
class ProfileWriterTest {
  @TempDir Path tmp;
  Path cwd;
  Path file;
  final ProfileWriter writer = new ProfileWriter(Duration.ofSeconds(2));

  @BeforeEach
  void folder() throws IOException {
    cwd = Files.createDirectories(tmp.resolve("nova"));
    file = cwd.resolve(".iapeer/peer-profile.json");
  }

  private void store(String json) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private ObjectNode disk() throws IOException {
    return (ObjectNode) Json.parse(Files.readString(file));
  }

  private byte[] bytes() throws IOException {
    return Files.readAllBytes(file);
  }

  private static ProfileWrite nova(String runtime, String... runtimes) {
    return ProfileWrite.of("nova", runtime, List.of(runtimes));
  }

  // --- acceptance cases ---

  @Test
  void case21_aMinimalWriteKeepsRawHumanForeignSectionInterfacesAndDescription() throws IOException {
    store(
        """
        {
          "personality": "nova",
          "runtime": "claude",
          "runtimes": ["claude"],
          "description": "Owner of the house.",
          "intelligence": "human",
          "interfaces": {"telegram": {"user_id": "100000001"}},
          "persistent-peer": {"session": "abc", "turns": 12, "ratio": 1.0}
        }
        """);
    JsonNode foreign = disk().get("persistent-peer");

    PeerProfile p = writer.write(cwd, nova("claude", "claude"));

    ObjectNode d = disk();
    assertThat(d.get("intelligence").asString()).isEqualTo("human");
    assertThat(p.intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(ProfileReader.read(cwd).orElseThrow().intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(d.get("persistent-peer")).isEqualTo(foreign);
    assertThat(Files.readString(file)).contains("\"ratio\": 1.0");
    assertThat(d.at("/interfaces/telegram/user_id").asString()).isEqualTo("100000001");
    assertThat(d.get("description").asString()).isEqualTo("Owner of the house.");
    assertThat(d.has("runtime")).isFalse();
    assertThat(d.get("default_runtime").asString()).isEqualTo("claude");
  }

  @Test
  void case22_anExplicitAbsentOnAWebhookProfileIsWritten() throws IOException {
    Path hook = tmp.resolve("hook");

    writer.write(hook, ProfileWrite.of("hook", "webhook", List.of("webhook")).withIntelligence("absent"));

    assertThat(Json.parse(Files.readString(hook.resolve(".iapeer/peer-profile.json"))).get("intelligence").asString())
        .isEqualTo("absent");
  }

  @Test
  void case22_aNewTelegramProfileWithoutIntelligenceIsNatural() throws IOException {
    writer.write(cwd, nova("telegram", "telegram"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("natural");
  }

  @Test
  void case23_aForeignFieldAddedBetweenTwoWritesSurvives() throws IOException {
    writer.write(cwd, nova("claude", "claude"));
    ObjectNode edited = disk();
    edited.putObject("persistent-peer").put("session", "s-1");
    Files.writeString(file, Json.pretty(edited));

    PeerProfile p = writer.write(cwd, nova("claude", "claude", "codex"));

    ObjectNode d = disk();
    assertThat(d.at("/persistent-peer/session").asString()).isEqualTo("s-1");
    assertThat(d.get("intelligence").asString()).isEqualTo("artificial");
    assertThat(d.get("runtimes").valueStream().map(JsonNode::asString)).containsExactly("claude", "codex");
    assertThat(p.runtimes()).containsExactly("claude", "codex");
  }

  @Test
  void case25_writingGatedStoresItAndYoloDeletesIt() throws IOException {
    writer.write(cwd, nova("claude", "claude").withApprovalMode("gated"));
    assertThat(disk().get("approval_mode").asString()).isEqualTo("gated");
    assertThat(ProfileReader.read(cwd).orElseThrow().approvalMode()).isEqualTo("gated");

    writer.write(cwd, nova("claude", "claude").withApprovalMode("yolo"));
    assertThat(disk().has("approval_mode")).isFalse();
    assertThat(ProfileReader.read(cwd).orElseThrow().approvalMode()).isEqualTo("yolo");
  }

  @Test
  void case25_togglingGivesByteIdenticalFilesPerState() throws IOException {
    writer.write(cwd, nova("claude", "claude").withDescription("d"));
    byte[] plain = bytes();

    writer.write(cwd, nova("claude", "claude").withApprovalMode("gated"));
    byte[] gated1 = bytes();
    writer.write(cwd, nova("claude", "claude").withApprovalMode("yolo"));
    byte[] yolo1 = bytes();
    writer.write(cwd, nova("claude", "claude").withApprovalMode("gated"));
    byte[] gated2 = bytes();
    writer.write(cwd, nova("claude", "claude").withApprovalMode("yolo"));
    byte[] yolo2 = bytes();

    assertThat(gated2).isEqualTo(gated1);
    assertThat(yolo1).isEqualTo(plain);
    assertThat(yolo2).isEqualTo(plain);
    assertThat(new String(gated1, StandardCharsets.UTF_8)).endsWith("  \"approval_mode\": \"gated\"\n}\n");
  }

  @Test
  void case25_aWriteWithoutApprovalModeKeepsAStoredGated() throws IOException {
    writer.write(cwd, nova("claude", "claude").withApprovalMode("gated"));

    writer.write(cwd, nova("claude", "claude", "codex").withDescription("changed"));

    assertThat(disk().get("approval_mode").asString()).isEqualTo("gated");
  }

  @Test
  void case25_anUnknownAssertedApprovalModeChangesNothing() throws IOException {
    writer.write(cwd, nova("claude", "claude").withApprovalMode("gated"));
    byte[] before = bytes();

    writer.write(cwd, nova("claude", "claude").withApprovalMode("nonsense"));

    assertThat(bytes()).isEqualTo(before);
  }

  @Test
  void case26_aLockHeldByAProcessThatDiedDoesNotBlock() throws IOException {
    Path lock = cwd.resolve(".iapeer/.peer-profile.lock");
    ProfileWriter quick = new ProfileWriter(Duration.ofMillis(300));
    try (ChildJvm holder = ChildJvm.start(LockMain.class, "hold", lock.toString())) {
      assertThat(holder.readLine()).isEqualTo("held");

      // While the holder lives, the write waits its bound and then fails, writing nothing.
      assertThatThrownBy(() -> quick.write(cwd, nova("claude", "claude")))
          .isInstanceOf(IapException.class)
          .hasMessageContaining("is locked by another writer")
          .hasMessageContaining(".peer-profile.lock");
      assertThat(file).doesNotExist();

      holder.kill();
    }

    quick.write(cwd, nova("claude", "claude"));

    assertThat(disk().get("default_runtime").asString()).isEqualTo("claude");
  }

  // --- §5.3 raw vocabulary on profiles ---

  @Test
  void reassertingTheSameNatureKeepsTheStoredLegacyWord() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"intelligence\":\"human\"}");

    writer.write(cwd, nova("telegram", "telegram").withIntelligence("natural"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("human");
  }

  @Test
  void aGenuineChangeOfNatureReplacesTheStoredWord() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"intelligence\":\"human\"}");

    writer.write(cwd, nova("telegram", "telegram").withIntelligence("absent"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("absent");
  }

  @Test
  void scriptedStaysScriptedUnderAnAbsentAssertion() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"notifier\",\"intelligence\":\"scripted\"}");

    PeerProfile p = writer.write(cwd, nova("notifier", "notifier").withIntelligence("absent"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("scripted");
    assertThat(p.intelligence()).isEqualTo(Intelligence.ABSENT);
  }

  @Test
  void anAssertedLegacyWordIsStoredAsTheContractValueWhenNatureChanges() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"intelligence\":\"artificial\"}");

    writer.write(cwd, nova("telegram", "telegram").withIntelligence("human"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("natural");
  }

  @Test
  void anUnrecognizedAssertionCountsAsNotAsserted() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"intelligence\":\"human\"}");
    writer.write(cwd, nova("telegram", "telegram").withIntelligence("sentient"));
    assertThat(disk().get("intelligence").asString()).isEqualTo("human");

    Path fresh = tmp.resolve("fresh");
    writer.write(fresh, ProfileWrite.of("fresh", "notifier", List.of("notifier")).withIntelligence("Human"));
    assertThat(ProfileReader.read(fresh).orElseThrow().intelligenceRaw()).contains("absent");
  }

  @Test
  void aBrandNewProfileGetsItsRuntimesDefault() {
    for (String[] rt : new String[][] {{"claude", "artificial"}, {"codex", "artificial"},
        {"telegram", "natural"}, {"discord", "natural"}, {"notifier", "absent"}, {"cron", "absent"}}) {
      Path dir = tmp.resolve("p-" + rt[0]);
      writer.write(dir, ProfileWrite.of("p-" + rt[0], rt[0], List.of(rt[0])));
      assertThat(ProfileReader.read(dir).orElseThrow().intelligenceRaw()).as(rt[0]).contains(rt[1]);
    }
  }

  @Test
  void anEmptyStoredIntelligenceCountsAsNothingStored() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"intelligence\":\"\"}");

    writer.write(cwd, nova("telegram", "telegram"));

    assertThat(disk().get("intelligence").asString()).isEqualTo("natural");
  }

  // --- description, interfaces, initial_prompt ---

  @Test
  void aGivenDescriptionIsTrimmedAndABlankOneNeverWipesTheStoredOne() throws IOException {
    writer.write(cwd, nova("claude", "claude").withDescription("  Helper.\n"));
    assertThat(disk().get("description").asString()).isEqualTo("Helper.");

    writer.write(cwd, nova("claude", "claude").withDescription("   "));
    writer.write(cwd, nova("claude", "claude").withDescription(""));
    writer.write(cwd, nova("claude", "claude"));

    assertThat(disk().get("description").asString()).isEqualTo("Helper.");
  }

  @Test
  void aStoredDescriptionIsKeptVerbatimWhenNoneIsGiven() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"description\":\"  padded  \"}");

    PeerProfile p = writer.write(cwd, nova("claude", "claude"));

    assertThat(disk().get("description").asString()).isEqualTo("  padded  ");
    assertThat(p.description()).isEqualTo("padded");
  }

  @Test
  void aNewProfileWithoutDescriptionGetsAnEmptyOne() throws IOException {
    writer.write(cwd, nova("claude", "claude"));

    assertThat(disk().get("description").asString()).isEmpty();
  }

  @Test
  void givenInterfacesReplaceTheWholeSectionAndAbsentOnesKeepIt() throws IOException {
    store(
        "{\"personality\":\"nova\",\"default_runtime\":\"telegram\",\"interfaces\":"
            + "{\"telegram\":{\"bot\":\"old\",\"user_id\":\"1\"}},\"tail\":true}");
    ObjectNode replacement = Json.object();
    replacement.putObject("telegram").put("bot_username", "nova_bot");

    writer.write(cwd, nova("telegram", "telegram").withInterfaces(replacement));
    assertThat(disk().get("interfaces")).isEqualTo(replacement);
    assertThat(disk().propertyNames()).containsSubsequence("interfaces", "tail");

    writer.write(cwd, nova("telegram", "telegram"));
    assertThat(disk().get("interfaces")).isEqualTo(replacement);
  }

  @Test
  void theInitialPromptIsSetOnlyWhenNonEmpty() throws IOException {
    writer.write(cwd, nova("claude", "claude").withInitialPrompt("Greet the owner."));
    assertThat(disk().get("initial_prompt").asString()).isEqualTo("Greet the owner.");

    writer.write(cwd, nova("claude", "claude").withInitialPrompt(""));
    writer.write(cwd, nova("claude", "claude"));

    assertThat(disk().get("initial_prompt").asString()).isEqualTo("Greet the owner.");
  }

  @Test
  void wakePolicyIsNeverWrittenButAStoredOneIsKept() throws IOException {
    writer.write(cwd, nova("claude", "claude"));
    assertThat(disk().has("wake_policy")).isFalse();

    store("{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"wake_policy\":\"ephemeral\"}");
    writer.write(cwd, nova("claude", "claude", "codex"));

    assertThat(disk().get("wake_policy").asString()).isEqualTo("ephemeral");
  }

  // --- shape on disk ---

  @Test
  void aNewProfileHasTheGoldenShape() throws IOException {
    writer.write(cwd, nova("claude", "claude", "codex").withDescription("General helper."));

    assertThat(Files.readString(file))
        .isEqualTo(
            """
            {
              "personality": "nova",
              "default_runtime": "claude",
              "runtimes": [
                "claude",
                "codex"
              ],
              "description": "General helper.",
              "intelligence": "artificial"
            }
            """);
  }

  @Test
  void storedKeyOrderIsKeptAndNewKeysAreAppendedInSpecOrder() throws IOException {
    store(
        "{\"zeta\":0,\"description\":\"d\",\"runtimes\":[\"claude\"],\"personality\":\"nova\","
            + "\"runtime\":\"claude\",\"notifier\":{\"b\":1,\"a\":2}}");

    writer.write(cwd, nova("claude", "claude").withInitialPrompt("hi").withApprovalMode("gated"));

    assertThat(disk().propertyNames())
        .containsExactly(
            "zeta", "description", "runtimes", "personality", "notifier", "default_runtime",
            "intelligence", "initial_prompt", "approval_mode");
    assertThat(disk().get("notifier").propertyNames()).containsExactly("b", "a");
  }

  @Test
  void theDefaultIsMovedFirstInRuntimes() throws IOException {
    writer.write(cwd, nova("codex", "claude", "codex", "claude"));

    assertThat(disk().get("runtimes").valueStream().map(JsonNode::asString)).containsExactly("codex", "claude");
  }

  @Test
  void theLegacyRuntimeKeyIsDeletedEvenWhenItDiverged() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"runtime\":\"codex\",\"runtimes\":[\"claude\",\"codex\"]}");

    writer.write(cwd, nova("claude", "claude", "codex"));

    assertThat(disk().has("runtime")).isFalse();
    assertThat(disk().get("default_runtime").asString()).isEqualTo("claude");
  }

  @Test
  void aWriteThatChangesNothingLeavesTheFileUntouched() throws IOException {
    writer.write(cwd, nova("claude", "claude", "codex").withDescription("d").withApprovalMode("gated"));
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, old);
    byte[] before = bytes();
    Object inode = Files.readAttributes(file, "unix:ino").get("ino");

    writer.write(cwd, nova("claude", "claude", "codex"));
    writer.write(cwd, nova("claude", "claude", "codex").withDescription(" d ").withIntelligence("artificial"));

    assertThat(bytes()).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void aHandFormattedFileIsNotReformattedByAWriteThatChangesNothing() throws IOException {
    String compact =
        "{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"],"
            + "\"description\":\"\",\"intelligence\":\"artificial\",\"x\":1e3}";
    store(compact);

    writer.write(cwd, nova("claude", "claude"));

    assertThat(Files.readString(file)).isEqualTo(compact);
  }

  @Test
  void aWriteThatChangesOneFieldIsAOneLineDiff() throws IOException {
    writer.write(cwd, nova("claude", "claude").withDescription("old"));
    List<String> before = Files.readAllLines(file);

    writer.write(cwd, nova("claude", "claude").withDescription("new"));
    List<String> after = Files.readAllLines(file);

    assertThat(after).hasSameSizeAs(before);
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(i);
      }
    }
    assertThat(changed).singleElement().satisfies(i -> assertThat(after.get(i)).contains("\"new\""));
  }

  @Test
  void theProfileIsPrivate() throws IOException {
    writer.write(cwd, nova("claude", "claude"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    writer.write(cwd, nova("claude", "claude", "codex"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void theWriteEnsuresTheLocalScaffold() {
    writer.write(cwd, nova("claude", "claude"));

    for (String d : List.of("plugins/iap", "runtimes", "state", "logs", "cache")) {
      assertThat(cwd.resolve(".iapeer").resolve(d)).as(d).isDirectory();
    }
  }

  // --- refusals ---

  @Test
  void anUnparsableProfileIsRefusedAndLeftByteIdentical() throws IOException {
    for (String broken : List.of("{\"personality\":\"nova\",", "", "[\"nova\"]", "\"nova\"")) {
      store(broken);

      assertThatThrownBy(() -> writer.write(cwd, nova("claude", "claude")))
          .as("[%s]", broken)
          .isInstanceOf(IapException.class)
          .hasMessageContaining("peer-profile.json");

      assertThat(Files.readString(file)).isEqualTo(broken);
    }
  }

  @Test
  void aWriteThatWouldNotReadBackIsRefusedBeforeTouchingTheFile() throws IOException {
    writer.write(cwd, nova("claude", "claude"));
    byte[] before = bytes();

    assertThatThrownBy(() -> writer.write(cwd, nova("claude", "claude", "Bad-Runtime")))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("runtimes item");
    assertThatThrownBy(() -> writer.write(cwd, nova("no-dash", "claude")))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("default_runtime");
    assertThatThrownBy(() -> writer.write(cwd, ProfileWrite.of("2nd", "claude", List.of("claude"))))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("personality");

    assertThat(bytes()).isEqualTo(before);
  }

  @Test
  void concurrentWritersLeaveOneValidFileAndNoTempFiles() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String d = "writer " + i;
        all.add(pool.submit(() -> writer.write(cwd, nova("claude", "claude").withDescription(d))));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ProfileReader.read(cwd).orElseThrow().description()).startsWith("writer ");
    try (Stream<Path> s = Files.list(file.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  // --- case 44: legacy migration (01 §15.4) ---

  @Test
  void case44_aLegacyProfileWithOwnerSectionsIsMigrated() throws IOException {
    store(
        """
        {
          "personality": "nova",
          "runtime": "claude",
          "runtimes": ["claude", "telegram"],
          "description": "Owner.  ",
          "intelligence": "human",
          "initial_prompt": "Say hi.",
          "wake_policy": "ephemeral",
          "interfaces": {"telegram": {"bot_username": "nova_bot"}},
          "expansion": {"aliases": ["nov", "n"]},
          "notifier": {"jobs": [{"cron": "0 9 * * *", "n": 18446744073709551616}]}
        }
        """);
    ObjectNode expected = disk();
    expected.remove("runtime");
    expected.put("default_runtime", "claude");

    assertThat(writer.migrateRuntimeField(cwd)).isTrue();

    assertThat(disk()).isEqualTo(expected);
    assertThat(disk().propertyNames()).containsExactlyElementsOf(expected.propertyNames());
    byte[] migrated = bytes();
    assertThat(writer.migrateRuntimeField(cwd)).isFalse();
    assertThat(bytes()).isEqualTo(migrated);
  }

  @Test
  void case44_aDivergedMirrorKeepsDefaultRuntime() throws IOException {
    store(
        "{\"personality\":\"nova\",\"default_runtime\":\"codex\",\"runtime\":\"claude\","
            + "\"runtimes\":[\"claude\",\"codex\"]}");

    assertThat(writer.migrateRuntimeField(cwd)).isTrue();

    assertThat(disk().get("default_runtime").asString()).isEqualTo("codex");
    assertThat(disk().has("runtime")).isFalse();
    assertThat(ProfileReader.read(cwd).orElseThrow().runtimes()).containsExactly("codex", "claude");
  }

  @Test
  void anInSyncMirrorIsStrippedToo() throws IOException {
    store("{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"runtime\":\"claude\",\"runtimes\":[\"claude\"]}");

    assertThat(writer.migrateRuntimeField(cwd)).isTrue();

    assertThat(disk().has("runtime")).isFalse();
  }

  @Test
  void migrationKeepsTheStoredPersonalitySpelling() throws IOException {
    store("{\"personality\":\"Nova\",\"runtime\":\"claude\"}");

    assertThat(writer.migrateRuntimeField(cwd)).isTrue();

    assertThat(disk().get("personality").asString()).isEqualTo("Nova");
  }

  @Test
  void migrationLeavesAbsentBrokenAndConformantProfilesAlone() throws IOException {
    assertThat(writer.migrateRuntimeField(cwd)).as("absent").isFalse();
    assertThat(file).doesNotExist();

    for (String json :
        List.of(
            "{\"personality\":\"nova\",",
            "[]",
            "{\"personality\":\"nova\",\"runtime\":\"claude\",\"intelligence\":\"bogus\"}",
            "{\"personality\":\"nova\",\"default_runtime\":\"no-dash\",\"runtime\":\"claude\"}",
            "{\"personality\":\"nova\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}")) {
      store(json);
      assertThat(writer.migrateRuntimeField(cwd)).as(json).isFalse();
      assertThat(Files.readString(file)).as(json).isEqualTo(json);
    }
  }
}
