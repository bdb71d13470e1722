package io.iapeer.host.service;

import io.iapeer.host.session.CommandRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake launchctl/systemctl/loginctl: scripted answers per command prefix, every call recorded.
 * A command nobody scripted fails the test, so a manager cannot run anything unnoticed.
 */
final class ScriptedRunner implements CommandRunner {
  private final Map<String, Deque<Result>> script = new LinkedHashMap<>();
  private final List<Command> commands = new ArrayList<>();

  static Result ok() {
    return new Result(0, "", "");
  }

  static Result ok(String out) {
    return new Result(0, out, "");
  }

  static Result fail(int exit, String err) {
    return new Result(exit, "", err);
  }

  /** Answers for the commands that start with {@code prefix}, in order; the last one repeats. */
  ScriptedRunner on(String prefix, Result... answers) {
    script.put(prefix, new ArrayDeque<>(Arrays.asList(answers)));
    return this;
  }

  @Override
  public synchronized Result run(Command command) {
    commands.add(command);
    String line = String.join(" ", command.argv());
    String prefix = script.keySet().stream()
        .filter(line::startsWith)
        .max((a, b) -> Integer.compare(a.length(), b.length()))
        .orElseThrow(() -> new AssertionError("unscripted command: " + line));
    Deque<Result> answers = script.get(prefix);
    return answers.size() > 1 ? answers.poll() : answers.peek();
  }

  /** Every command line run, its words joined by spaces. */
  synchronized List<String> calls() {
    return commands.stream().map(c -> String.join(" ", c.argv())).toList();
  }

  synchronized List<String> calls(String prefix) {
    return calls().stream().filter(c -> c.startsWith(prefix)).toList();
  }

  synchronized List<Command> commands() {
    return List.copyOf(commands);
  }
}
