package io.iapeer.host.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexWiringTest {
  private static final String URL = "http://127.0.0.1:8765/mcp";
  private static final String BLOCK =
      """
      [mcp_servers.iapeer]
      url = "http://127.0.0.1:8765/mcp"
      default_tools_approval_mode = "approve"
      bearer_token_env_var = "IAPEER_BEARER"

      [mcp_servers.iapeer.env_http_headers]
      "X-IAPeer-Identity" = "PEER_IDENTITY"
      """;

  @TempDir Path home;
  @TempDir Path root;
  @TempDir Path folders;
  private Path config;
  private CodexWiring codex;
  private Path cwd;
  private String real;

  @BeforeEach
  void layout() throws Exception {
    codex =
        CodexWiring.of(
            Layout.from(
                Env.of(
                    "HOME", home.toString(),
                    "IAPEER_ROOT", root.toString(),
                    "IAPEER_TEST_SANDBOX", "1")));
    config = codex.config();
    cwd = Files.createDirectories(folders.resolve("boris"));
    real = cwd.toRealPath().toString();
  }

  private String trust(String folder) {
    return "[projects.\"" + folder + "\"]\ntrust_level = \"trusted\"\n";
  }

  private void config(String text) throws Exception {
    Files.createDirectories(config.getParent());
    Files.writeString(config, text);
  }

  @Test
  void theConfigLivesUnderHomeDotCodexUnlessCodexHomeIsSet() {
    assertThat(config).isEqualTo(home.resolve(".codex/config.toml"));
    Env env = Env.of("HOME", home.toString(), "CODEX_HOME", root.resolve("cx").toString());
    assertThat(CodexWiring.of(Layout.from(env)).config()).isEqualTo(root.resolve("cx/config.toml"));
  }

  @Test
  void anAbsentConfigIsCreatedWithExactlyTheKeyLineTheBlockAndTheTrust() throws Exception {
    Wired wired = codex.wire(cwd, URL);

    String expected =
        "check_for_update_on_startup = false\n"
            + "\n"
            + "[mcp_servers.iapeer]\n"
            + "url = \"http://127.0.0.1:8765/mcp\"\n"
            + "default_tools_approval_mode = \"approve\"\n"
            + "bearer_token_env_var = \"IAPEER_BEARER\"\n"
            + "\n"
            + "[mcp_servers.iapeer.env_http_headers]\n"
            + "\"X-IAPeer-Identity\" = \"PEER_IDENTITY\"\n"
            + "\n"
            + "[projects.\"" + real + "\"]\n"
            + "trust_level = \"trusted\"\n";
    assertThat(Files.readString(config)).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(config.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(wired.files()).containsExactly(config);
    assertThat(wired.changed()).containsExactly(config);
    assertThat(wired.backups()).isEmpty();
  }

  @Test
  void anExistingConfigIsKeptAndTheUpdateKeyIsPrependedBeforeTheFirstTable() throws Exception {
    String user =
        """
        # my codex settings
        model = "o3"

        [profiles.fast]
        model = "o4-mini"   # quick
        """;
    config(user);

    codex.wire(cwd, URL);

    assertThat(Files.readString(config))
        .isEqualTo(
            "check_for_update_on_startup = false\n" + user + "\n" + BLOCK + "\n" + trust(real));
  }

  @Test
  void aSecondRunAddsNoDuplicateAndLeavesTheFileByteIdentical() throws Exception {
    config("model = \"o3\"\n\n[profiles.fast]\nmodel = \"o4-mini\"\n");
    codex.wire(cwd, URL);
    byte[] first = Files.readAllBytes(config);

    Wired again = codex.wire(cwd, URL);

    assertThat(config).hasBinaryContent(first);
    assertThat(again.changed()).isEmpty();
    assertThat(Files.readString(config)).containsOnlyOnce("[mcp_servers.iapeer]\n");
  }

  @Test
  void anExplicitUpdateCheckValueOfEitherPolarityIsLeftAlone() throws Exception {
    String user = "model = \"o3\"\ncheck_for_update_on_startup = true\n";
    config(user);
    codex.wire(cwd, URL);
    assertThat(Files.readString(config)).isEqualTo(user + "\n" + BLOCK + "\n" + trust(real));

    String indented = "  check_for_update_on_startup=false\n";
    config(indented);
    codex.wire(cwd, URL);
    assertThat(Files.readString(config)).startsWith(indented + "\n[mcp_servers.iapeer]\n");
  }

  @Test
  void trailingNewlinesAreNormalisedToOneBeforeAppending() throws Exception {
    config("check_for_update_on_startup = false\nmodel = \"o3\"\n\n\n\n");
    codex.wire(cwd, URL);
    assertThat(Files.readString(config))
        .isEqualTo(
            "check_for_update_on_startup = false\nmodel = \"o3\"\n\n" + BLOCK + "\n" + trust(real));

    config("check_for_update_on_startup = false\nmodel = \"o3\"");
    codex.wire(cwd, URL);
    assertThat(Files.readString(config))
        .startsWith(
            "check_for_update_on_startup = false\nmodel = \"o3\"\n\n[mcp_servers.iapeer]\n");
  }

  @Test
  void aStaleUrlInTheBlockIsRewrittenAndNothingElseChanges() throws Exception {
    String user =
        "check_for_update_on_startup = false\n"
            + "url = \"http://top-level/not-ours\"\n\n"
            + BLOCK.replace(URL, "http://127.0.0.1:1111/mcp").replace("[mcp", "# ours\n[mcp")
            + "\n"
            + trust(real);
    config(user);

    Wired wired = codex.wire(cwd, URL);

    assertThat(Files.readString(config))
        .isEqualTo(user.replace("http://127.0.0.1:1111/mcp", URL));
    assertThat(wired.changed()).containsExactly(config);
  }

  @Test
  void aUrlLineThatAlreadyNamesTheDaemonIsLeftAsWritten() throws Exception {
    String user =
        "check_for_update_on_startup = false\n\n"
            + BLOCK.replace("url = \"" + URL + "\"", "  url='" + URL + "'   # the router")
            + "\n"
            + trust(real);
    config(user);

    Wired wired = codex.wire(cwd, URL);

    assertThat(Files.readString(config)).isEqualTo(user);
    assertThat(wired.changed()).isEmpty();
  }

  @Test
  void aCrlfConfigKeepsItsLineEndingOnTheRewrittenUrl() throws Exception {
    String user =
        "check_for_update_on_startup = false\r\n[mcp_servers.iapeer]\r\nurl = \"http://x/mcp\"\r\n"
            + trust(real);
    config(user);

    codex.wire(cwd, URL);

    assertThat(Files.readString(config)).isEqualTo(user.replace("http://x/mcp", URL));
  }

  @Test
  void aBlockWhoseHeaderIsQuotedOrCommentedIsNotAddedAgain() throws Exception {
    String user =
        "check_for_update_on_startup = false\n[ mcp_servers . \"iapeer\" ]  # ours\nurl = \""
            + URL
            + "\"\n"
            + trust(real);
    config(user);

    codex.wire(cwd, URL);

    assertThat(Files.readString(config)).isEqualTo(user);
  }

  @Test
  void theTrustEntryNamesTheRealPathWhenTheFolderIsReachedThroughASymlink() throws Exception {
    Path link = Files.createSymbolicLink(folders.resolve("link"), cwd);

    codex.wire(link, URL);

    String text = Files.readString(config);
    assertThat(text).endsWith(trust(real));
    assertThat(text).doesNotContain(link.toString() + "\"");
  }

  @Test
  void aPathWithAQuoteOrABackslashIsEscapedInTheKeyAndRecognisedOnReRun() throws Exception {
    Path odd = Files.createDirectories(folders.resolve("we\"ird\\dir"));
    String escaped = odd.toRealPath().toString().replace("\\", "\\\\").replace("\"", "\\\"");

    codex.wire(odd, URL);
    byte[] first = Files.readAllBytes(config);
    codex.wire(odd, URL);

    assertThat(Files.readString(config)).endsWith(trust(escaped));
    assertThat(config).hasBinaryContent(first);
  }

  @Test
  void anExistingTrustEntryForTheFolderIsTheUsersAndStays() throws Exception {
    String user =
        "check_for_update_on_startup = false\n\n"
            + BLOCK
            + "\n[projects.'"
            + real
            + "']\ntrust_level = \"untrusted\"\n";
    config(user);

    codex.wire(cwd, URL);

    assertThat(Files.readString(config)).isEqualTo(user);
  }

  @Test
  void removeTrustDropsTheResolvedAndLiteralFormsAndLeavesOtherSections() throws Exception {
    Path link = Files.createSymbolicLink(folders.resolve("link"), cwd);
    config(
        "model = \"o3\"\n\n"
            + trust(real)
            + "\n"
            + trust("/elsewhere")
            + "\n"
            + trust(link.toString())
            + "hide_agent_reasoning = true\n\n"
            + "# the fake provider\n"
            + "[model_providers.fake]\n"
            + "name = \"fake\"\n");

    boolean changed = codex.removeTrust(link);

    assertThat(changed).isTrue();
    assertThat(Files.readString(config))
        .isEqualTo(
            "model = \"o3\"\n\n"
                + trust("/elsewhere")
                + "\n"
                + "# the fake provider\n"
                + "[model_providers.fake]\n"
                + "name = \"fake\"\n");
  }

  @Test
  void removeTrustAfterWireRestoresTheRestAndThenHasNothingToDo() throws Exception {
    config("model = \"o3\"\n");
    codex.wire(cwd, URL);

    assertThat(codex.removeTrust(cwd)).isTrue();
    assertThat(Files.readString(config))
        .isEqualTo("check_for_update_on_startup = false\nmodel = \"o3\"\n\n" + BLOCK);
    assertThat(codex.removeTrust(cwd)).isFalse();
  }

  @Test
  void removeTrustWithoutAConfigChangesNothingAndCreatesNothing() throws Exception {
    assertThat(codex.removeTrust(cwd)).isFalse();
    assertThat(config).doesNotExist();
  }
}
