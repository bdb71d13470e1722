package io.iapeer.host.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.PeerPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ClaudeWiringTest {
  private static final String URL = "http://127.0.0.1:8765/mcp";

  @TempDir Path home;
  @TempDir Path root;
  @TempDir Path cwd;
  private PeerPaths peer;

  @BeforeEach
  void layout() {
    Env env =
        Env.of(
            "HOME", home.toString(), "IAPEER_ROOT", root.toString(), "IAPEER_TEST_SANDBOX", "1");
    peer = Layout.from(env).peer(cwd);
  }

  @Test
  void aFreshFolderGetsExactlyTheGoldenMcpJsonAndSettings() throws Exception {
    Wired wired = ClaudeWiring.wire(peer, "boris", URL);

    assertThat(Files.readString(peer.mcpJson()))
        .isEqualTo(
            """
            {
              "mcpServers": {
                "iapeer": {
                  "type": "http",
                  "url": "http://127.0.0.1:8765/mcp",
                  "headers": {
                    "X-IAPeer-Identity": "${PEER_IDENTITY:-claude-boris}"
                  }
                }
              }
            }
            """);
    assertThat(Files.readString(peer.claudeSettings()))
        .isEqualTo(
            """
            {
              "enableAllProjectMcpServers": true
            }
            """);
    assertThat(Files.getPosixFilePermissions(peer.mcpJson()))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(wired.files()).containsExactly(peer.mcpJson(), peer.claudeSettings());
    assertThat(wired.changed()).containsExactly(peer.mcpJson(), peer.claudeSettings());
    assertThat(wired.backups()).isEmpty();
  }

  @Test
  void theEntryIsMergedAndEveryOtherServerAndKeyKeepsItsPlace() throws Exception {
    Files.writeString(
        peer.mcpJson(),
        """
        {"zeta": 1.50, "mcpServers": {"web": {"command": "web-mcp", "args": ["-v"]}, \
        "iapeer": {"url": "http://old/mcp", "timeout": 5}, "db": {"type": "stdio"}}}
        """);

    ClaudeWiring.wire(peer, "boris", URL);

    assertThat(Files.readString(peer.mcpJson()))
        .isEqualTo(
            """
            {
              "zeta": 1.50,
              "mcpServers": {
                "web": {
                  "command": "web-mcp",
                  "args": [
                    "-v"
                  ]
                },
                "iapeer": {
                  "type": "http",
                  "url": "http://127.0.0.1:8765/mcp",
                  "headers": {
                    "X-IAPeer-Identity": "${PEER_IDENTITY:-claude-boris}"
                  }
                },
                "db": {
                  "type": "stdio"
                }
              }
            }
            """);
  }

  @Test
  void theEntryEqualsTheSpecifiedObject() throws Exception {
    ClaudeWiring.wire(peer, "boris", URL);

    assertThat(servers(peer.mcpJson()).path("iapeer"))
        .isEqualTo(
            Json.parse(
                """
                {"type": "http", "url": "http://127.0.0.1:8765/mcp",
                 "headers": {"X-IAPeer-Identity": "${PEER_IDENTITY:-claude-boris}"}}
                """));
  }

  @Test
  void aSecondRunLeavesBothFilesByteIdenticalAndReportsNoChange() throws Exception {
    Files.writeString(peer.mcpJson(), "{\"mcpServers\": {\"web\": {\"command\": \"w\"}}}");
    ClaudeWiring.wire(peer, "boris", URL);
    byte[] mcp = Files.readAllBytes(peer.mcpJson());
    byte[] settings = Files.readAllBytes(peer.claudeSettings());

    Wired again = ClaudeWiring.wire(peer, "boris", URL);

    assertThat(peer.mcpJson()).hasBinaryContent(mcp);
    assertThat(peer.claudeSettings()).hasBinaryContent(settings);
    assertThat(again.changed()).isEmpty();
    assertThat(again.files()).containsExactly(peer.mcpJson(), peer.claudeSettings());
  }

  @Test
  void aFileThatAlreadySaysItAllIsNotReformatted() throws Exception {
    String compact =
        "{\"mcpServers\":{\"iapeer\":{\"headers\":{\"X-IAPeer-Identity\":"
            + "\"${PEER_IDENTITY:-claude-boris}\"},\"type\":\"http\",\"url\":\""
            + URL
            + "\"}}}";
    Files.writeString(peer.mcpJson(), compact);

    Wired wired = ClaudeWiring.wire(peer, "boris", URL);

    assertThat(Files.readString(peer.mcpJson())).isEqualTo(compact);
    assertThat(wired.changed()).containsExactly(peer.claudeSettings());
  }

  @Test
  void aCorruptMcpJsonIsCopiedVerbatimToTheBackupBeforeItIsReplaced() throws Exception {
    byte[] corrupt = "{\"mcpServers\": {\"web\": \n  oops, not json\u00e9".getBytes("UTF-8");
    Files.write(peer.mcpJson(), corrupt);
    Path backup = cwd.resolve(".mcp.json.corrupt.bak");

    Wired wired = ClaudeWiring.wire(peer, "boris", URL);

    assertThat(backup).hasBinaryContent(corrupt);
    assertThat(wired.backups()).containsExactly(backup);
    assertThat(servers(peer.mcpJson()).propertyNames()).containsExactly("iapeer");
  }

  @Test
  void aMcpJsonThatIsNotUtf8OrNotAnObjectCountsAsCorrupt() throws Exception {
    byte[] latin1 = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
    Files.write(peer.mcpJson(), latin1);
    ClaudeWiring.wire(peer, "boris", URL);
    assertThat(cwd.resolve(".mcp.json.corrupt.bak")).hasBinaryContent(latin1);

    Files.writeString(peer.mcpJson(), "{\"mcpServers\": [\"web\"]}");
    ClaudeWiring.wire(peer, "boris", URL);
    assertThat(cwd.resolve(".mcp.json.corrupt.bak")).hasContent("{\"mcpServers\": [\"web\"]}");
    assertThat(servers(peer.mcpJson()).path("iapeer").isObject()).isTrue();
  }

  @Test
  void settingsAreMergedKeepingOtherKeysAndAFalseBecomesTrue() throws Exception {
    Files.createDirectories(peer.claudeDir());
    Files.writeString(
        peer.claudeSettings(),
        "{\"model\": \"opus\", \"enableAllProjectMcpServers\": false, \"env\": {\"A\": \"1\"}}");

    ClaudeWiring.wire(peer, "boris", URL);

    assertThat(Files.readString(peer.claudeSettings()))
        .isEqualTo(
            """
            {
              "model": "opus",
              "enableAllProjectMcpServers": true,
              "env": {
                "A": "1"
              }
            }
            """);
  }

  @Test
  void aMalformedSettingsJsonIsBackedUpTheSameWay() throws Exception {
    Files.createDirectories(peer.claudeDir());
    Files.writeString(peer.claudeSettings(), "{\"model\": ");

    Wired wired = ClaudeWiring.wire(peer, "boris", URL);

    Path backup = peer.claudeDir().resolve("settings.json.corrupt.bak");
    assertThat(backup).hasContent("{\"model\": ");
    assertThat(wired.backups()).containsExactly(backup);
    assertThat(Files.readString(peer.claudeSettings()))
        .isEqualTo("{\n  \"enableAllProjectMcpServers\": true\n}\n");
  }

  @Test
  void anExistingFileKeepsItsModeAndASymlinkedOneStaysALink() throws Exception {
    Path dotfiles = Files.createDirectories(home.resolve("dotfiles"));
    Path real = dotfiles.resolve("mcp.json");
    Files.writeString(real, "{\"mcpServers\": {}}");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(peer.mcpJson(), real);

    ClaudeWiring.wire(peer, "boris", URL);

    assertThat(peer.mcpJson()).isSymbolicLink();
    assertThat(servers(real).propertyNames()).containsExactly("iapeer");
    assertThat(Files.getPosixFilePermissions(real))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void theIdentityDefaultNamesThePersonalityAndTheUrlIsTheOneGiven() throws Exception {
    ClaudeWiring.wire(peer, "maria", "http://127.0.0.1:4321/mcp");

    JsonNode entry = servers(peer.mcpJson()).path("iapeer");
    assertThat(entry.path("url").stringValue()).isEqualTo("http://127.0.0.1:4321/mcp");
    assertThat(entry.path("headers").path("X-IAPeer-Identity").stringValue())
        .isEqualTo("${PEER_IDENTITY:-claude-maria}");
  }

  private static JsonNode servers(Path mcpJson) throws Exception {
    return Json.parse(Files.readString(mcpJson)).path("mcpServers");
  }
}
