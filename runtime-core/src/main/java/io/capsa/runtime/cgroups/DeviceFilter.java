package io.capsa.runtime.cgroups;

import static io.capsa.runtime.cgroups.BpfInstruction.ALU32_AND_K;
import static io.capsa.runtime.cgroups.BpfInstruction.ALU32_MOV_X;
import static io.capsa.runtime.cgroups.BpfInstruction.ALU32_RSH_K;
import static io.capsa.runtime.cgroups.BpfInstruction.ALU64_MOV_K;
import static io.capsa.runtime.cgroups.BpfInstruction.JMP32_JEQ_K;
import static io.capsa.runtime.cgroups.BpfInstruction.JMP32_JNE_K;
import static io.capsa.runtime.cgroups.BpfInstruction.JMP_EXIT;
import static io.capsa.runtime.cgroups.BpfInstruction.JMP_JA;
import static io.capsa.runtime.cgroups.BpfInstruction.LDX_MEM_W;

import io.capsa.runtime.cgroups.DeviceRule.Access;
import io.capsa.runtime.cgroups.DeviceRule.Type;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a device allow/deny list into a BPF_PROG_TYPE_CGROUP_DEVICE program, which the
 * kernel runs on every open and mknod of a device by a process in the cgroup. It returns 1 to
 * allow, 0 to deny.
 *
 * <p>The semantics are runc's and crun's: the rules are read in order and the last rule that
 * matches decides; nothing matching means deny, so a list allows all only when a rule allowing
 * all comes first (or last). A request may ask for several kinds of access at once (an open for
 * reading and writing asks for both); each kind is decided on its own by the last rule that
 * covers the device and that kind, and the request is allowed only when every kind it asks for
 * is. So "deny c 1:3 w" denies an open of /dev/null for reading and writing, and "allow c 1:3
 * r" followed by "allow c 1:3 w" allows it, as the cgroup v1 device controller did.
 *
 * <p>The program reads {@code struct bpf_cgroup_dev_ctx} (access_type: type in the low 16
 * bits, access in the high; major; minor) into r2 to r5, then has one section per kind of
 * access: skipped when the request does not ask for it, otherwise the rules that mention the
 * kind from last to first, each a few compares that jump to the next rule, then "deny" or "go
 * on to the next kind". Passing every section allows. The verifier rejects unreachable code, so
 * nothing is emitted after a rule that covers all devices.
 */
public final class DeviceFilter {
  /** The program's license; it calls no GPL-only helper. */
  public static final String LICENSE = "Apache-2.0";

  private static final int CTX = 1;
  private static final int TEMP = 1;
  private static final int TYPE = 2;
  private static final int ACCESS = 3;
  private static final int MAJOR = 4;
  private static final int MINOR = 5;
  private static final int RESULT = 0;
  private static final int ACCESS_TYPE_OFFSET = 0;
  private static final int MAJOR_OFFSET = 4;
  private static final int MINOR_OFFSET = 8;
  private static final int TYPE_MASK = 0xffff;
  private static final int ACCESS_SHIFT = 16;

  private final List<Pending> program = new ArrayList<>();
  private final List<Integer> labels = new ArrayList<>();

  /** An instruction whose jump target is a label until every label is bound. */
  private record Pending(BpfInstruction instruction, int label) {}

  private DeviceFilter() {}

  /** The program for {@code rules}, ready for {@link BpfInstruction#encode}. */
  public static List<BpfInstruction> compile(List<DeviceRule> rules) {
    return new DeviceFilter().emit(rules);
  }

  private List<BpfInstruction> emit(List<DeviceRule> rules) {
    load(TYPE, ACCESS_TYPE_OFFSET);
    op(ALU32_AND_K, TYPE, 0, TYPE_MASK);
    load(ACCESS, ACCESS_TYPE_OFFSET);
    op(ALU32_RSH_K, ACCESS, 0, ACCESS_SHIFT);
    load(MAJOR, MAJOR_OFFSET);
    load(MINOR, MINOR_OFFSET);
    for (Access kind : Access.values()) {
      int nextKind = label();
      op(ALU32_MOV_X, TEMP, ACCESS, 0);
      op(ALU32_AND_K, TEMP, 0, bit(kind));
      jump(JMP32_JEQ_K, TEMP, 0, nextKind);
      section(rules, kind, nextKind);
      bind(nextKind);
    }
    result(1);
    return resolve();
  }

  /** The rules that mention {@code kind}, last first; deny when none matches. */
  private void section(List<DeviceRule> rules, Access kind, int nextKind) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      DeviceRule rule = rules.get(i);
      if (!rule.access().contains(kind)) {
        continue;
      }
      if (rule.coversAllDevices()) {
        if (!rule.allow()) {
          result(0);
        }
        return; // an allow falls through to the next kind; nothing after this is reachable
      }
      int nextRule = label();
      if (rule.type() != Type.ALL) {
        jump(JMP32_JNE_K, TYPE, deviceType(rule.type()), nextRule);
      }
      if (rule.major() != null) {
        jump(JMP32_JNE_K, MAJOR, rule.major().intValue(), nextRule);
      }
      if (rule.minor() != null) {
        jump(JMP32_JNE_K, MINOR, rule.minor().intValue(), nextRule);
      }
      if (rule.allow()) {
        jump(JMP_JA, 0, 0, nextKind);
      } else {
        result(0);
      }
      bind(nextRule);
    }
    result(0);
  }

  private void load(int register, int offset) {
    program.add(new Pending(new BpfInstruction(LDX_MEM_W, register, CTX, offset, 0), -1));
  }

  private void op(int opcode, int dst, int src, int immediate) {
    program.add(new Pending(new BpfInstruction(opcode, dst, src, 0, immediate), -1));
  }

  private void jump(int opcode, int dst, int immediate, int label) {
    program.add(new Pending(new BpfInstruction(opcode, dst, 0, 0, immediate), label));
  }

  private void result(int value) {
    op(ALU64_MOV_K, RESULT, 0, value);
    op(JMP_EXIT, 0, 0, 0);
  }

  private int label() {
    labels.add(-1);
    return labels.size() - 1;
  }

  private void bind(int label) {
    labels.set(label, program.size());
  }

  private List<BpfInstruction> resolve() {
    List<BpfInstruction> resolved = new ArrayList<>(program.size());
    for (int pc = 0; pc < program.size(); pc++) {
      Pending pending = program.get(pc);
      BpfInstruction instruction = pending.instruction();
      if (pending.label() >= 0) {
        int distance = labels.get(pending.label()) - (pc + 1);
        if (distance > Short.MAX_VALUE) {
          throw new IllegalArgumentException("too many device rules for one BPF program");
        }
        instruction = new BpfInstruction(instruction.opcode(), instruction.dst(),
            instruction.src(), distance, instruction.immediate());
      }
      resolved.add(instruction);
    }
    return List.copyOf(resolved);
  }

  private static int bit(Access kind) {
    return (int) Arch.current().constant(switch (kind) {
      case READ -> ArchConstant.BPF_DEVCG_ACC_READ;
      case WRITE -> ArchConstant.BPF_DEVCG_ACC_WRITE;
      case MKNOD -> ArchConstant.BPF_DEVCG_ACC_MKNOD;
    });
  }

  private static int deviceType(Type type) {
    return (int) Arch.current().constant(
        type == Type.CHAR ? ArchConstant.BPF_DEVCG_DEV_CHAR : ArchConstant.BPF_DEVCG_DEV_BLOCK);
  }
}
