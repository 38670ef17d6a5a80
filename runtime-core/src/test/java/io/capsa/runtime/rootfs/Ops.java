package io.capsa.runtime.rootfs;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.Op;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The ops of a program as text a test can compare: "mount_setattr($12, "", AT_EMPTY_PATH, ...)". */
final class Ops {
  private final InitProgram program;

  Ops(InitProgram program) {
    this.program = program;
  }

  /** One op as its call, arguments shown as a rendered program shows them. */
  String call(Op op) {
    return op.syscallName() + "(" + op.args().stream().map(this::show)
        .collect(Collectors.joining(", ")) + ")";
  }

  private String show(Arg arg) {
    if (arg instanceof Arg.SlotRef slot) {
      return "$" + slot.index();
    }
    if (arg instanceof Arg.BlobRef blob) {
      return blob.shown();
    }
    Arg.Immediate immediate = (Arg.Immediate) arg;
    return immediate.format().format(immediate.value(), program.arch());
  }

  /** A conditional jump as a rendered program shows it: "jump to 9 if $2 == 0". */
  static String jump(Op jump) {
    return "jump to " + ((Arg.Immediate) jump.args().get(2)).value() + " if $"
        + ((Arg.SlotRef) jump.args().get(0)).index() + " " + jump.condition().symbol() + " "
        + ((Arg.Immediate) jump.args().get(1)).value();
  }

  /** A jump as {@link #jump(Op)} shows it, any other op as its call. */
  String shown(Op op) {
    return op.syscallName().equals("jump") ? jump(op) : call(op);
  }

  List<Op> all() {
    return program.ops();
  }

  /** The calls of the ops whose description contains {@code text}, in program order. */
  List<String> callsDescribed(String text) {
    return calls(op -> op.description().contains(text));
  }

  List<String> calls(Predicate<Op> which) {
    return program.ops().stream().filter(which).map(this::call).toList();
  }

  /** The calls of every op of {@code syscall}. */
  List<String> callsOf(String syscall) {
    return calls(op -> op.syscallName().equals(syscall));
  }

  /** The first op whose description contains {@code text}. */
  Op described(String text) {
    return program.ops().stream().filter(op -> op.description().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no op described as \"" + text + "\" in\n"
            + program.render()));
  }

  /** The index of the first op whose description contains {@code text}. */
  int indexOf(String text) {
    return described(text).index();
  }

  List<String> descriptions() {
    return program.ops().stream().map(Op::description).toList();
  }
}
