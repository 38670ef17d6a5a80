package io.capsa.runtime.seccomp;

import static io.capsa.runtime.seccomp.FilterAssembler.JEQ_K;
import static io.capsa.runtime.seccomp.FilterAssembler.JGE_K;
import static io.capsa.runtime.seccomp.FilterAssembler.JGT_K;

import io.capsa.init.SockFilter;
import io.capsa.runtime.seccomp.FilterAssembler.Target;
import io.capsa.sys.SyscallAbi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Compiles seccomp rules to the classic BPF program the kernel runs on every syscall, as
 * libseccomp would for runc, without libseccomp:
 * <ol>
 *   <li>{@code seccomp_data.arch} selects the section of an ABI; any other arch gets the bad-arch
 *       verdict (libseccomp's default, SCMP_ACT_KILL). x86_64 and x32 share their audit arch, so
 *       the x86_64 section first sends numbers with the x32 bit to the x32 section, or to the
 *       bad-arch verdict without one;
 *   <li>a section compares {@code seccomp_data.nr} with every syscall that has rules, in chunks
 *       short enough for the 8-bit offsets of conditional jumps, each followed by the verdicts
 *       and long jumps its comparisons go to;
 *   <li>a syscall no rule names gets the default verdict, or, when {@code newerVerdict} is
 *       given, one numbered above every syscall the rules name on that ABI gets it instead
 *       (runc's ENOSYS for syscalls newer than the profile, so that C libraries fall back);
 *   <li>a syscall with conditional rules jumps to its block: the rules in order, the first whose
 *       conditions all hold giving its verdict, else the default. A rule without conditions
 *       supersedes the syscall's conditional ones, as in libseccomp's rule database.
 * </ol>
 * Arguments are 64 bits compared as two 32-bit words; every ABI Capsa supports is
 * little-endian, so the low word comes first in {@code seccomp_data.args}.
 */
final class SeccompCompiler {
  private static final int NR_OFFSET = 0;
  private static final int ARCH_OFFSET = 4;
  private static final int ARGS_OFFSET = 16;
  /** Room a chunk leaves after its comparisons: the jump past it or the fall-through verdicts. */
  private static final int CHUNK_END = 3;
  private static final int MAX_CONDITIONAL_OFFSET = 0xff;

  private final FilterAssembler asm = new FilterAssembler();
  private final int defaultVerdict;
  private final int badArchVerdict;
  private final Integer newerVerdict;
  private final List<SeccompRule> rules;
  private final List<Runnable> blocks = new ArrayList<>();

  private SeccompCompiler(int defaultVerdict, int badArchVerdict, Integer newerVerdict,
      List<SeccompRule> rules) {
    this.defaultVerdict = defaultVerdict;
    this.badArchVerdict = badArchVerdict;
    this.newerVerdict = newerVerdict;
    this.rules = rules;
  }

  /**
   * The program for {@code abis} (at least one; x86_64 and x32 together or either alone).
   *
   * @param newerVerdict the verdict for syscalls numbered above every one the rules name, null
   *     for the default verdict
   */
  static List<SockFilter> compile(List<SyscallAbi> abis, int defaultVerdict, int badArchVerdict,
      Integer newerVerdict, List<SeccompRule> rules) {
    if (abis.isEmpty()) {
      throw new IllegalArgumentException("a filter needs at least one ABI");
    }
    return new SeccompCompiler(defaultVerdict, badArchVerdict, newerVerdict, rules).build(abis);
  }

  private List<SockFilter> build(List<SyscallAbi> abis) {
    Map<Integer, List<SyscallAbi>> byAuditArch = new LinkedHashMap<>();
    for (SyscallAbi abi : abis) {
      byAuditArch.computeIfAbsent(abi.auditArch(), arch -> new ArrayList<>()).add(abi);
    }
    asm.loadWord(ARCH_OFFSET);
    Map<Integer, Target> sections = new LinkedHashMap<>();
    for (int auditArch : byAuditArch.keySet()) {
      Target section = asm.target();
      sections.put(auditArch, section);
      Target next = asm.target();
      asm.jump(JEQ_K, auditArch, null, next);
      asm.jumpAlways(section);
      asm.bind(next);
    }
    asm.ret(badArchVerdict);
    byAuditArch.forEach((auditArch, sharing) -> {
      asm.bind(sections.get(auditArch));
      if (sharing.contains(SyscallAbi.X32) || sharing.contains(SyscallAbi.X86_64)) {
        emitX86(sharing);
      } else {
        emitAbi(sharing.get(0));
      }
    });
    for (Runnable block : blocks) {
      block.run();
    }
    return asm.assemble();
  }

  /** The section of the x86_64 audit arch: x32 numbers have the x32 bit. */
  private void emitX86(List<SyscallAbi> sharing) {
    asm.loadWord(NR_OFFSET);
    Target native64 = asm.target();
    Target x32 = asm.target();
    asm.jump(JGE_K, SyscallAbi.X32_SYSCALL_BIT, null, native64);
    if (sharing.contains(SyscallAbi.X32)) {
      asm.jumpAlways(x32);
    } else {
      asm.ret(badArchVerdict);
    }
    asm.bind(native64);
    if (sharing.contains(SyscallAbi.X86_64)) {
      emitAbi(SyscallAbi.X86_64);
    } else {
      asm.ret(badArchVerdict);
    }
    if (sharing.contains(SyscallAbi.X32)) {
      asm.bind(x32);
      emitAbi(SyscallAbi.X32);
    }
  }

  /** What one syscall of an ABI gets: an unconditional verdict, or conditional rules. */
  private static final class Handling {
    Integer unconditional;
    final List<SeccompRule> conditional = new ArrayList<>();
  }

  /** Where a comparison that matched goes: a verdict or a block of conditional rules. */
  private record Exit(Integer verdict, Target block) {}

  private void emitAbi(SyscallAbi abi) {
    TreeMap<Integer, Handling> bySyscall = new TreeMap<>();
    for (SeccompRule rule : rules) {
      for (String name : rule.names()) {
        OptionalInt number = abi.number(name);
        if (number.isEmpty()) {
          continue;
        }
        Handling handling = bySyscall.computeIfAbsent(number.getAsInt(), n -> new Handling());
        if (rule.isUnconditional()) {
          handling.unconditional = rule.verdict();
        } else {
          handling.conditional.add(rule);
        }
      }
    }
    List<Map.Entry<Integer, Exit>> comparisons = new ArrayList<>();
    bySyscall.forEach((number, handling) -> comparisons.add(Map.entry(number, exit(handling))));

    asm.loadWord(NR_OFFSET);
    int next = 0;
    do {
      Map<Exit, Target> tail = new LinkedHashMap<>();
      List<Map.Entry<Integer, Exit>> chunk = new ArrayList<>();
      while (next < comparisons.size()) {
        Exit exit = comparisons.get(next).getValue();
        int tailSize = tail.size() + (tail.containsKey(exit) ? 0 : 1);
        if (chunk.size() + 1 + CHUNK_END + tailSize > MAX_CONDITIONAL_OFFSET) {
          break;
        }
        chunk.add(comparisons.get(next));
        tail.computeIfAbsent(exit, e -> asm.target());
        next++;
      }
      for (Map.Entry<Integer, Exit> comparison : chunk) {
        asm.jump(JEQ_K, comparison.getKey(), tail.get(comparison.getValue()), null);
      }
      boolean last = next == comparisons.size();
      Target nextChunk = asm.target();
      if (last) {
        emitNoRule(bySyscall.isEmpty() ? null : bySyscall.lastKey());
      } else {
        asm.jumpAlways(nextChunk);
      }
      tail.forEach((exit, target) -> {
        asm.bind(target);
        if (exit.block() != null) {
          asm.jumpAlways(exit.block());
        } else {
          asm.ret(exit.verdict());
        }
      });
      if (!last) {
        asm.bind(nextChunk);
      }
    } while (next < comparisons.size());
  }

  private Exit exit(Handling handling) {
    if (handling.unconditional != null || handling.conditional.isEmpty()) {
      return new Exit(handling.unconditional, null);
    }
    Target block = asm.target();
    List<SeccompRule> conditional = List.copyOf(handling.conditional);
    blocks.add(() -> emitBlock(block, conditional));
    return new Exit(null, block);
  }

  /** The verdict of a syscall no rule names; A holds its number. */
  private void emitNoRule(Integer highestNamed) {
    if (newerVerdict == null || highestNamed == null) {
      asm.ret(defaultVerdict);
      return;
    }
    Target newer = asm.target();
    asm.jump(JGT_K, highestNamed, newer, null);
    asm.ret(defaultVerdict);
    asm.bind(newer);
    asm.ret(newerVerdict);
  }

  private void emitBlock(Target block, List<SeccompRule> conditional) {
    asm.bind(block);
    for (SeccompRule rule : conditional) {
      Target nextRule = asm.target();
      for (ArgCondition condition : rule.conditions()) {
        emitCondition(condition, nextRule);
      }
      asm.ret(rule.verdict());
      asm.bind(nextRule);
    }
    asm.ret(defaultVerdict);
  }

  /** Falls through when {@code condition} holds, else jumps to {@code fail}. */
  private void emitCondition(ArgCondition condition, Target fail) {
    int low = ARGS_OFFSET + 8 * condition.index();
    int high = low + 4;
    int valueHigh = (int) (condition.value() >>> 32);
    int valueLow = (int) condition.value();
    Target pass = asm.target();
    asm.loadWord(high);
    switch (condition.op()) {
      case SCMP_CMP_EQ -> {
        asm.jump(JEQ_K, valueHigh, null, fail);
        asm.loadWord(low);
        asm.jump(JEQ_K, valueLow, pass, fail);
      }
      case SCMP_CMP_NE -> {
        asm.jump(JEQ_K, valueHigh, null, pass);
        asm.loadWord(low);
        asm.jump(JEQ_K, valueLow, fail, pass);
      }
      case SCMP_CMP_GT -> {
        asm.jump(JGT_K, valueHigh, pass, null);
        asm.jump(JEQ_K, valueHigh, null, fail);
        asm.loadWord(low);
        asm.jump(JGT_K, valueLow, pass, fail);
      }
      case SCMP_CMP_GE -> {
        asm.jump(JGT_K, valueHigh, pass, null);
        asm.jump(JEQ_K, valueHigh, null, fail);
        asm.loadWord(low);
        asm.jump(JGE_K, valueLow, pass, fail);
      }
      case SCMP_CMP_LT -> {
        asm.jump(JGT_K, valueHigh, fail, null);
        asm.jump(JEQ_K, valueHigh, null, pass);
        asm.loadWord(low);
        asm.jump(JGE_K, valueLow, fail, pass);
      }
      case SCMP_CMP_LE -> {
        asm.jump(JGT_K, valueHigh, fail, null);
        asm.jump(JEQ_K, valueHigh, null, pass);
        asm.loadWord(low);
        asm.jump(JGT_K, valueLow, fail, pass);
      }
      case SCMP_CMP_MASKED_EQ -> {
        asm.and(valueHigh);
        asm.jump(JEQ_K, (int) (condition.valueTwo() >>> 32), null, fail);
        asm.loadWord(low);
        asm.and(valueLow);
        asm.jump(JEQ_K, (int) condition.valueTwo(), pass, fail);
      }
    }
    asm.bind(pass);
  }
}
