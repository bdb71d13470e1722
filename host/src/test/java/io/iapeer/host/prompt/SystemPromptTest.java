package io.iapeer.host.prompt;

import static io.iapeer.host.prompt.PromptHost.FACTS;
import static io.iapeer.host.prompt.PromptHost.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Composition, 03 §8.2–§8.6 and acceptance cases 22–27 of §12. */
class SystemPromptTest {
  private static final PeerRecord BORIS =
      peer("boris", "claude", List.of("claude"), "PM partner", Intelligence.ARTIFICIAL);
  private static final PeerRecord NOVA =
      peer("nova", "telegram", List.of("telegram", "claude"), "", Intelligence.NATURAL);

  @TempDir Path base;
  private PromptHost host;

  @BeforeEach
  void host() {
    host = new PromptHost(base);
  }

  private String compose(RegistrySnapshot registry) {
    return SystemPrompt.compose(host.layout, host.cwd, "boris", "PM partner", registry, FACTS);
  }

  private String compose() {
    return compose(RegistrySnapshot.empty());
  }

  /** Layer 1 alone for a peer at {@code /w/boris}, where no file exists. */
  private String yamlOnly(String personality, String description, String cwd) {
    return SystemPrompt.compose(
        host.layout, Path.of(cwd), personality, description, RegistrySnapshot.empty(), FACTS);
  }

  private String yaml() {
    return """
        ---
        personality: "boris"
        description: "PM partner"
        peer-cwd: "@CWD@"
        platform: "linux"
        os_version: "12"
        user: "alice"
        hostname: "vm"
        today: "2025-03-14"
        ---
        """
        .replace("@CWD@", host.cwd.toString());
  }

  // --- case 22: the identity block, byte for byte ---

  @Test
  void case22_plainValuesGiveTheExactBlockFollowedByOneBlankLine() {
    assertThat(IdentityBlock.render("boris", "PM partner", "/w/boris", FACTS))
        .isEqualTo(
            """
            ---
            personality: "boris"
            description: "PM partner"
            peer-cwd: "/w/boris"
            platform: "linux"
            os_version: "12"
            user: "alice"
            hostname: "vm"
            today: "2025-03-14"
            ---

            """);
  }

  @Test
  void case22_aPromptWithNothingButTheBlockEndsRightAfterTheClosingFence() {
    assertThat(yamlOnly("boris", "PM partner", "/w/boris"))
        .isEqualTo(
            """
            ---
            personality: "boris"
            description: "PM partner"
            peer-cwd: "/w/boris"
            platform: "linux"
            os_version: "12"
            user: "alice"
            hostname: "vm"
            today: "2025-03-14"
            ---
            """)
        .doesNotContain("<!--");
  }

  @Test
  void case22_quotesAndANewlineInTheDescriptionAreEscaped() {
    assertThat(yamlOnly("boris", "a: \"b\"\nc", "/w/boris"))
        .contains("\ndescription: \"a: \\\"b\\\"\\nc\"\npeer-cwd: \"/w/boris\"\n");
  }

  @Test
  void case22_unicodeAndEmojiStayLiteral() {
    assertThat(yamlOnly("boris", "Борис ведёт — 中文 🚀", "/w/boris"))
        .contains("\ndescription: \"Борис ведёт — 中文 🚀\"\n");
  }

  @Test
  void case22_aBackslashIsDoubledAndASlashIsNot() {
    assertThat(yamlOnly("boris", "a\\b/c", "/w/boris")).contains("\ndescription: \"a\\\\b/c\"\n");
  }

  @Test
  void case22_anEmptyDescriptionIsAnEmptyString() {
    assertThat(yamlOnly("boris", "", "/w/boris")).contains("\ndescription: \"\"\n");
  }

  @Test
  void case22_delAndNulAreSixCharacterEscapes() {
    assertThat(yamlOnly("boris", "x\u007fy\u0000z", "/w/boris"))
        .contains("\ndescription: \"x\\u007fy\\u0000z\"\n");
  }

  @Test
  void case22_everyValueGoesThroughTheEscaper() {
    HostFacts odd = new HostFacts("linux", "12 \"lts\"", "al\\ice", "vm\t1", FACTS.today());

    assertThat(IdentityBlock.render("boris", "", "/w/it's \"here\"", odd))
        .isEqualTo(
            """
            ---
            personality: "boris"
            description: ""
            peer-cwd: "/w/it's \\"here\\""
            platform: "linux"
            os_version: "12 \\"lts\\""
            user: "al\\\\ice"
            hostname: "vm\\t1"
            today: "2025-03-14"
            ---

            """);
  }

  // --- case 23: doctrine ---

  @Test
  void case23_globalDoctrineThenLocalEachUnderItsPathMarker() {
    host.global("IAPEER.md", "Host rules.\n").local("IAPEER.md", "Be the implementer.\n\n\n");

    String prompt = compose();

    assertThat(prompt)
        .isEqualTo(
            yaml()
                + """

                <!-- ~/.iapeer/IAPEER.md -->
                Host rules.

                <!-- ~/work/boris/.iapeer/IAPEER.md -->
                Be the implementer.
                """);
    assertThat(prompt).contains("---\n\n<!-- ~/.iapeer/IAPEER.md -->\nHost rules.\n\n<!-- ~/work");
    assertThat(prompt).endsWith("implementer.\n").doesNotContain("\n\n\n");
  }

  @Test
  void case23_anEmptyOrNewlineOnlyGlobalDoctrineEmitsNoMarker() {
    host.local("IAPEER.md", "Be the implementer.");
    String localOnly = compose();

    host.global("IAPEER.md", "");
    assertThat(compose()).isEqualTo(localOnly);
    host.global("IAPEER.md", "\n\n");
    assertThat(compose()).isEqualTo(localOnly).doesNotContain("~/.iapeer/IAPEER.md");
    assertThat(localOnly)
        .isEqualTo(yaml() + "\n<!-- ~/work/boris/.iapeer/IAPEER.md -->\nBe the implementer.\n");
  }

  @Test
  void case23_withoutAnyFileThereIsNoMarkerAtAll() {
    assertThat(compose()).isEqualTo(yaml()).doesNotContain("<!--");
  }

  // --- case 24: empty layers add nothing ---

  @Test
  void case24_emptyPeersDomainsAndFragmentsLeaveTheDoctrineOnlyOutputUnchanged() throws Exception {
    host.global("IAPEER.md", "Host rules.\n").local("IAPEER.md", "Be the implementer.\n");
    String doctrineOnly = compose(RegistrySnapshot.empty());

    host.global("MEMORY.md", "").local("MEMORY.md", "\n").local("NOTES.md", "\n\n\n");
    host.global("fragments/iapeer-memory.md", "").local("fragments/other.md", "\n");
    Files.createDirectories(host.layout.hostFragments());

    assertThat(compose(RegistrySnapshot.empty())).isEqualTo(doctrineOnly);
  }

  // --- case 25: the registry layer ---

  @Test
  void case25_knownPeersFollowTheDoctrineSortedWithFourLinesEach() {
    host.local("IAPEER.md", "Be the implementer.\n");
    PeerRecord ann = peer("ann", "codex", List.of("codex"), "Reviews", Intelligence.ARTIFICIAL);
    PeerRecord boX = peer("bo-x", "claude", List.of("claude"), "", Intelligence.ARTIFICIAL);

    String prompt = compose(new RegistrySnapshot(2, List.of(NOVA, BORIS, boX, ann)));

    assertThat(prompt)
        .isEqualTo(
            yaml()
                + """

                <!-- ~/work/boris/.iapeer/IAPEER.md -->
                Be the implementer.

                ## Known peers
                - ann — Reviews
                  runtime: codex
                  runtimes: codex
                  intelligence: artificial
                - bo-x
                  runtime: claude
                  runtimes: claude
                  intelligence: artificial
                - boris — PM partner
                  runtime: claude
                  runtimes: claude
                  intelligence: artificial
                - nova
                  runtime: telegram
                  runtimes: telegram, claude
                  intelligence: natural
                """);
    assertThat(prompt).contains("Be the implementer.\n\n## Known peers\n");
  }

  @Test
  void case25_onlyTheFivePublicFieldsAreShownWithTheNormalizedIntelligence() {
    ObjectNode interfaces = Json.object().put("telegram", "@secret_bot");
    PeerRecord legacy =
        new PeerRecord(
            "nova", "telegram", List.of("telegram"), "Owner", Intelligence.NATURAL,
            Optional.of("human"), "/private/nova-home", Optional.of(interfaces));
    assertThat(legacy.publicSummary().propertyNames())
        .containsExactly("personality", "runtime", "runtimes", "description", "intelligence");

    String prompt = compose(new RegistrySnapshot(2, List.of(legacy)));

    assertThat(prompt)
        .endsWith(
            """
            ## Known peers
            - nova — Owner
              runtime: telegram
              runtimes: telegram
              intelligence: natural
            """)
        .doesNotContain("/private/nova-home", "secret_bot", "human");
  }

  @Test
  void case25_anEmptyRegistryLeavesNoHeading() {
    assertThat(compose(RegistrySnapshot.empty())).doesNotContain("## Known peers");
  }

  // --- case 26: domain files and fragments ---

  @Test
  void case26_presenceMarkersEmitNothingAndGlobalComesBeforeLocal() {
    host.global("IAPEER.md", "Host rules.\n").local("IAPEER.md", "Be the implementer.\n");
    host.global("MARKER.md", "").local("MARKER.md", "\n");
    host.global("MEMORY.md", "mm-global\n").local("MEMORY.md", "mm-local\n\n");
    host.global("ZZZ.md", "zzz\n").local("AAA.md", "aaa");
    host.global("fragments/iapeer-memory.md", "frag-global\n");
    host.local("fragments/iapeer-memory.md", "frag-local\n");

    String prompt = compose(new RegistrySnapshot(2, List.of(BORIS)));

    assertThat(prompt).isEqualTo(host.golden("26-domains/expected.md"));
    assertThat(prompt).doesNotContain("MARKER.md").doesNotContainPattern("\n{3,}");
    // Each half is its own marked section; §12's "mm-global\n\nmm-local" is the marker-less form.
    assertThat(prompt)
        .contains("mm-global\n\n<!-- ~/work/boris/.iapeer/MEMORY.md -->\nmm-local\n\n");
    assertThat(List.of("aaa", "mm-global", "mm-local", "zzz"))
        .isSortedAccordingTo((a, b) -> Integer.compare(prompt.indexOf(a), prompt.indexOf(b)));
    assertThat(
            List.of(
                "today: ", "Host rules.", "Be the implementer.", "## Known peers", "aaa", "zzz",
                "frag-global", "frag-local"))
        .isSortedAccordingTo((a, b) -> Integer.compare(prompt.indexOf(a), prompt.indexOf(b)));
  }

  // --- case 27: discovery ---

  @Test
  void case27_discoveryTakesOnlyMarkdownFilesDirectlyInEachRoot() throws Exception {
    host.global("IAPEER.md", "Host rules.\n").global("notes.txt", "not markdown\n");
    host.global("ZZZ.md", "zzz global\n").global("MEMORY.md", "memory global\n");
    host.local("IAPEER.md", "Be the implementer.\n");
    // Another case of the doctrine's name is still the doctrine, never a domain (§8.5).
    host.local("iapeer.md", "shadow doctrine\n");
    host.local("peer-profile.json", "{\"personality\": \"boris\"}\n");
    host.local("notes.txt", "not markdown\n");
    host.local("MARKER.md", "").local("MEMORY.md", "memory local\n").local("AAA.md", "aaa local\n");
    host.local("README.MD", "upper-case extension\n");
    host.local("nested/DEEP.md", "no recursion\n");
    Files.createDirectories(host.cwd.resolve(".iapeer/folder.md"));
    host.global("fragments/iapeer-memory.md", "memory guide\n");
    host.local("fragments/iapeer-memory.md", "memory notes\n");
    host.local("fragments/other-primitive.md", "other primitive\n");
    host.local("fragments/skip.txt", "not markdown\n");
    host.local("fragments/deeper/x.md", "no recursion\n");

    String prompt = compose();

    assertThat(prompt).isEqualTo(host.golden("27-discovery/expected.md"));
    assertThat(prompt)
        .doesNotContain("shadow doctrine", "not markdown", "no recursion", "personality\": ")
        .doesNotContain("folder.md", "MARKER.md");
  }

  @Test
  void markersAbbreviateOnlyHomeItselfAndPathsUnderIt() {
    Path home = Path.of("/home/al");

    assertThat(SystemPrompt.displayPath(home, Path.of("/home/al"))).isEqualTo("~");
    assertThat(SystemPrompt.displayPath(home, Path.of("/home/al/.iapeer/IAPEER.md")))
        .isEqualTo("~/.iapeer/IAPEER.md");
    assertThat(SystemPrompt.displayPath(home, Path.of("/home/alice/.iapeer/IAPEER.md")))
        .isEqualTo("/home/alice/.iapeer/IAPEER.md");
    assertThat(SystemPrompt.displayPath(home, Path.of("/srv/peer/.iapeer/IAPEER.md")))
        .isEqualTo("/srv/peer/.iapeer/IAPEER.md");
  }

  @Test
  void aRootOutsideHomeIsShownInFull() {
    Path root = base.resolve("home2/.iapeer");
    Layout outside =
        Layout.from(
            Env.of("HOME", host.home.toString(), "IAPEER_ROOT", root.toString(),
                "IAPEER_TEST_SANDBOX", "1"));
    PromptHost.write(root.resolve("IAPEER.md"), "Host rules.\n");

    String prompt =
        SystemPrompt.compose(
            outside, host.cwd, "boris", "PM partner", RegistrySnapshot.empty(), FACTS);

    assertThat(prompt).contains("\n<!-- " + root.resolve("IAPEER.md") + " -->\nHost rules.\n");
  }

  @Test
  void aFileThatCannotBeReadFailsTheCompositionNamingIt() throws Exception {
    // A regular file whose read fails even for root: /proc/self/mem at offset 0 is unmapped.
    Path mem = Path.of("/proc/self/mem");
    assumeTrue(Files.isRegularFile(mem), "needs Linux /proc");
    host.local("IAPEER.md", "Be the implementer.\n");
    Path broken = host.cwd.resolve(".iapeer/fragments/broken.md");
    Files.createDirectories(broken.getParent());
    Files.createSymbolicLink(broken, mem);

    try {
      assertThatThrownBy(this::compose)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot read " + broken + " for the system prompt: Input/output error");
    } finally {
      Files.delete(broken); // @TempDir cleanup warns about links leaving the temp dir
    }
  }
}
