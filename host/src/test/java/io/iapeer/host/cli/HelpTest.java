package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.lines;
import static io.iapeer.host.cli.Fixtures.record;
import static io.iapeer.host.cli.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help interception (04 §1.2, 06 D10): help is printed on stdout, exits 0 and runs nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpTest {
  /** One host for the whole class: help never changes it, and each test checks exactly that. */
  @TempDir(factory = FastTempDir.class) static Path tmp;
  Sandbox sb;

  @BeforeAll
  void host() {
    sb = new Sandbox(tmp).installed("claude").installed("codex");
    assertThat(sb.run("create", "boris").code()).isZero();
  }

  /** Each verb with arguments that would change the host if the verb ran. */
  static Stream<Arguments> verbsThatWouldAct() {
    return Stream.of(
        Arguments.of("version", List.of("version")),
        Arguments.of("init", List.of("init", "fresh-folder", "--runtime", "codex")),
        Arguments.of("create", List.of("create", "x", "--runtime", "claude")),
        Arguments.of("list", List.of("list", "--json")),
        Arguments.of("verify", List.of("verify", "--fix")),
        Arguments.of("remove", List.of("remove", "boris", "--force")),
        Arguments.of("add-runtime", List.of("add-runtime", "codex", "--all")),
        Arguments.of("default-runtime", List.of("default-runtime", "codex", "--peer", "boris")),
        Arguments.of("stop", List.of("stop", "boris")),
        Arguments.of("start", List.of("start", "--all")),
        Arguments.of("refresh", List.of("refresh", "boris")),
        Arguments.of("new", List.of("new", "boris")),
        Arguments.of("self-fresh", List.of("self-fresh")),
        Arguments.of("self-done", List.of("self-done")),
        Arguments.of("send", List.of("send", "boris", "--message", "m", "--from", "claude-boris")),
        Arguments.of("daemon", List.of("daemon")),
        Arguments.of("status", List.of("status", "--json")),
        Arguments.of("run-infra", List.of("run-infra", "boris", "notifier")),
        Arguments.of("service-host", List.of("service-host", "--foreground")));
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("verbsThatWouldAct")
  void dashDashHelpOnEveryVerbPrintsThatVerbsUsageAndDoesNothing(String verb, List<String> args) {
    assertHelpOnly(verb, with(args, "--help"));
  }

  @ParameterizedTest(name = "{0} -h")
  @MethodSource("verbsThatWouldAct")
  void dashHOnEveryVerbPrintsThatVerbsUsageAndDoesNothing(String verb, List<String> args) {
    assertHelpOnly(verb, with(args, "-h"));
  }

  @ParameterizedTest(name = "help {0}")
  @MethodSource("verbsThatWouldAct")
  void helpFollowedByAVerbPrintsThatVerbsUsage(String verb, List<String> ignored) {
    assertHelpOnly(verb, List.of("help", verb));
  }

  @ParameterizedTest(name = "{0} with --help in the middle")
  @MethodSource("verbsThatWouldAct")
  void helpWinsWhereverItStandsAmongTheArguments(String verb, List<String> args) {
    List<String> mid = new ArrayList<>(args);
    mid.add(1, "--help");
    assertHelpOnly(verb, mid);
  }

  private void assertHelpOnly(String verb, List<String> args) {
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("usage: iapeer " + verb);
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  private static List<String> with(List<String> args, String extra) {
    List<String> out = new ArrayList<>(args);
    out.add(extra);
    return out;
  }

  @Test
  void removeWithHelpKeepsTheRecord() {
    assertThat(sb.run("remove", "boris", "--help").code()).isZero();
    assertThat(record(sb, "boris")).isPresent();
  }

  @Test
  void createWithHelpCreatesNothing() {
    assertThat(sb.run("create", "x", "--help").code()).isZero();
    assertThat(record(sb, "x")).isEmpty();
    assertThat(sb.layout().defaultPeerFolder("x")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void bareHelpPrintsTheFullUsageListingEveryVerb(String token) {
    Sandbox.Run r = sb.run(token);
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("usage: iapeer <verb> [args]\n");
    for (String verb :
        List.of("version", "init", "create", "list", "verify", "remove", "add-runtime", "default-runtime", "send",
            "daemon", "status", "help")) {
      assertThat(r.out()).contains("iapeer " + verb);
    }
  }

  @Test
  void helpForAnUnknownVerbFallsBackToTheFullUsage() {
    Sandbox.Run r = sb.run("help", "no-such-verb");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("usage: iapeer <verb> [args]\n");
  }

  @Test
  void versionHelpPrintsMoreThanThreeLines() {
    Sandbox.Run r = sb.run("version", "--help");
    assertThat(r.code()).isZero();
    assertThat(lines(r.out())).hasSizeGreaterThan(3);
    assertThat(r.out()).startsWith("usage: iapeer version");
  }

  @Test
  void aLiteralHelpValueIsOnlyExpressibleAsKeyEqualsValueAndIsNotIntercepted(@TempDir(factory = FastTempDir.class) Path own) {
    Sandbox other = new Sandbox(own).installed("claude");
    Sandbox.Run r = other.run("create", "x", "--description=--help");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(record(other, "x").orElseThrow().description()).isEqualTo("--help");
  }

  /** picocli wraps each description line on its own: a hand-wrapped line that is too long leaves a stray word. */
  @ParameterizedTest(name = "help {0}")
  @MethodSource("verbsThatWouldAct")
  void aVerbsDescriptionIsPrintedAsWrittenNotReWrapped(String verb, List<String> ignored) {
    CommandLine sub = Fixtures.commandLine().getSubcommands().get(verb);
    String out = sb.run("help", verb).out();
    for (String line : sub.getCommandSpec().usageMessage().description()) {
      assertThat(out).as("help %s shows %s", verb, line).contains(line + "\n");
    }
  }

  @Test
  void theFullUsageSummariesFitEightyColumns() {
    for (String line : lines(sb.run("help").out())) {
      if (line.startsWith("      ")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
      }
    }
  }

  @Test
  void anUnknownHyphenatedVerbIsOneLineAndExitTwo() {
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("memory-plugin", "on", "--all");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(lines(r.err())).first().isEqualTo("iapeer: unknown verb \"memory-plugin\"");
    assertThat(lines(r.err())).filteredOn(l -> l.contains("unknown verb")).hasSize(1);
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void noArgumentsAtAllIsAUsageProblem() {
    Sandbox.Run r = sb.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("usage: iapeer <verb> [args]");
  }
}
