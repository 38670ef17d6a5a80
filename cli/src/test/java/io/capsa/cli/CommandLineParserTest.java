package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** runc's command-line grammar, as the callers of runc write it. */
class CommandLineParserTest {

  private static CommandLineParser.Parsed parse(String... args) {
    return CommandLineParser.parse(GlobalOptions.FLAGS, Capsa.VERBS, args);
  }

  @Test
  void globalFlagsThenTheVerbThenItsFlagsAndArguments() {
    CommandLineParser.Parsed line = parse("--root", "/r", "--log-format=json", "create",
        "--bundle", "/b", "--pid-file=/p", "web");
    assertNull(line.problem());
    assertEquals(Path.of("/r"), line.globals().path(GlobalOptions.ROOT));
    assertEquals("json", line.globals().value(GlobalOptions.LOG_FORMAT).orElseThrow());
    assertEquals("create", line.verb().name());
    assertEquals(Path.of("/b"), line.verbArguments().path(BundleOption.FLAG));
    assertEquals(Path.of("/p"), line.verbArguments().path(PidFileOption.FLAG));
    assertEquals(List.of("web"), line.verbArguments().positionals());
  }

  @Test
  void flagsMayFollowTheArgumentsAndTakeOneDashOrTwo() {
    CommandLineParser.Parsed line = parse("delete", "web", "-force");
    assertNull(line.problem());
    assertTrue(line.verbArguments().has(DeleteCommand.FORCE));
    assertEquals(List.of("web"), line.verbArguments().positionals());
    assertTrue(parse("delete", "-f", "web").verbArguments().has(DeleteCommand.FORCE));
  }

  @Test
  void globalFlagsAreTakenAfterTheVerbToo() {
    CommandLineParser.Parsed line = parse("list", "--root", "/r", "-q");
    assertEquals(Path.of("/r"), line.globals().path(GlobalOptions.ROOT));
    assertTrue(line.verbArguments().has(ListCommand.QUIET));
  }

  @Test
  void aVerbsOwnFlagWinsOverAGlobalOfTheSameName() {
    CommandLineParser.Parsed line = parse("spec", "--rootless");
    assertNull(line.problem());
    assertTrue(line.verbArguments().has(SpecCommand.ROOTLESS));
    assertFalse(line.globals().has(GlobalOptions.ROOTLESS));
  }

  @Test
  void booleansTakeAnExplicitValue() {
    assertFalse(parse("run", "--detach=false", "web").verbArguments().has(RunCommand.DETACH));
    assertTrue(parse("run", "--detach=true", "web").verbArguments().has(RunCommand.DETACH));
    assertEquals("invalid boolean value \"maybe\" for -detach: parse error",
        parse("run", "--detach=maybe", "web").problem());
  }

  @Test
  void doubleDashEndsTheFlags() {
    CommandLineParser.Parsed line = parse("kill", "--", "web", "-9");
    assertNull(line.problem());
    assertEquals(List.of("web", "-9"), line.verbArguments().positionals());
  }

  @Test
  void aFlagGivenTwiceKeepsBothValuesTheLastCounting() {
    Arguments create = parse("create", "-b", "/one", "--bundle=/two", "web").verbArguments();

    assertEquals(List.of("/one", "/two"), create.values(BundleOption.FLAG));
    assertEquals("/two", create.value(BundleOption.FLAG).orElseThrow());
  }

  @Test
  void aVerbTakingACommandStopsReadingFlagsAtIt() {
    CommandLineParser.Parsed line = parse("sandbox", "--reaper", "ls", "-l", "--reaper");

    assertNull(line.problem());
    assertEquals(List.of("ls", "-l", "--reaper"), line.verbArguments().positionals());
    assertTrue(line.verbArguments().has(SandboxCommand.REAPER));
  }

  @Test
  void problemsInRuncsWordsWithWhatWasParsedBefore() {
    CommandLineParser.Parsed unknown = parse("--log-format", "json", "start", "--frob", "web");
    assertEquals("flag provided but not defined: -frob", unknown.problem());
    assertEquals("json", unknown.globals().value(GlobalOptions.LOG_FORMAT).orElseThrow());
    assertSame(StartCommand.class, unknown.verb().getClass());
    assertEquals("flag needs an argument: -bundle", parse("create", "web", "--bundle").problem());
    assertEquals("unknown command \"frob\"", parse("frob").problem());
  }

  @Test
  void aStartFlagOfAnotherVerbIsUnknownToThisOne() {
    assertEquals("flag provided but not defined: -detach", parse("create", "-detach", "web").problem());
  }
}
