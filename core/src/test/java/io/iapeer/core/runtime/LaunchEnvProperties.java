package io.iapeer.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** 01 §16.1 as properties: what a user writes on one line is what the session gets. */
class LaunchEnvProperties {

  @Test
  void aPlainAssignmentYieldsItsValue() {
    qt().withExamples(1000)
        .forAll(keys(), plainValues())
        .checkAssert((k, v) -> assertThat(LaunchEnv.parse(k + "=" + v).env()).containsOnly(entry(k, v)));
  }

  @Test
  void quotingAndExportDoNotChangeTheValue() {
    qt().withExamples(1000)
        .forAll(keys(), plainValues())
        .checkAssert(
            (k, v) -> {
              assertThat(LaunchEnv.parse("export " + k + "=\"" + v + "\"").env()).containsOnly(entry(k, v));
              assertThat(LaunchEnv.parse("  " + k + "='" + v + "'  ").env()).containsOnly(entry(k, v));
            });
  }

  @Test
  void crlfFilesParseLikeLfFiles() {
    qt().withExamples(500)
        .forAll(lists().of(lines()).ofSizeBetween(0, 12))
        .checkAssert(
            ls -> assertThat(LaunchEnv.parse(String.join("\r\n", ls)))
                .isEqualTo(LaunchEnv.parse(String.join("\n", ls))));
  }

  @Test
  void startArgsAreTheWhitespaceSeparatedWords() {
    // Quote characters are left out: one quoted word loses its quotes, which is the quoting rule.
    Gen<String> word =
        strings().betweenCodePoints('!', '~').ofLengthBetween(1, 8)
            .assuming(w -> w.indexOf('"') < 0 && w.indexOf('\'') < 0);
    qt().withExamples(500)
        .forAll(lists().of(word).ofSizeBetween(0, 6))
        .checkAssert(
            ws -> assertThat(LaunchEnv.parse("PEER_START_ARGS= " + String.join("  \t", ws) + " ").startArgs())
                .isEqualTo(ws));
  }

  static Gen<String> keys() {
    Gen<String> head = strings().betweenCodePoints('A', 'Z').ofLength(1);
    Gen<String> tail =
        Generate.pick(List.of('A', 'Z', 'a', 'z', '0', '9', '_'))
            .map((Character c) -> String.valueOf(c))
            .zip(strings().betweenCodePoints('A', 'Z').ofLengthBetween(0, 10), (a, b) -> a + b);
    return head.zip(tail, (a, b) -> a + b)
        .assuming(k -> !k.equals("PEER_START_ARGS") && !k.equals("PEER_DISALLOWED_TOOLS"));
  }

  /** Printable, any inner spaces and quotes, but not padded and not wrapped in matching quotes. */
  static Gen<String> plainValues() {
    return strings()
        .betweenCodePoints(' ', '~')
        .ofLengthBetween(0, 24)
        .map((String v) -> v.trim())
        .assuming(
            v -> v.length() < 2
                || !((v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)));
  }

  static Gen<String> lines() {
    return Generate.pick(
        List.of("", "# c", "A=1", "export B=\"x y\"", "PEER_START_ARGS=--a --b", "C='q'", "junk line",
            "PEER_DISALLOWED_TOOLS=", "  D = e", "A=2"));
  }
}
