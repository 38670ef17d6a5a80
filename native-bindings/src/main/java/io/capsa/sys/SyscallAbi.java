package io.capsa.sys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A system call ABI a process on one of Capsa's architectures can use, with every syscall of
 * it by name, as a seccomp filter sees it: {@code seccomp_data.arch} is {@link #auditArch} and
 * {@code seccomp_data.nr} the number from the table. An x86_64 kernel runs three ABIs (64-bit,
 * 32-bit i386 and x32, which shares the x86_64 audit arch and sets {@link #X32_SYSCALL_BIT} in
 * every number); a ppc64le kernel one. The tables are generated from the kernel's UAPI headers
 * (resources {@code syscalls/<abi>.txt}) and checked against them by the tests.
 */
public enum SyscallAbi {
  X86_64("x86_64", ArchConstant.AUDIT_ARCH_X86_64),
  I386("i386", ArchConstant.AUDIT_ARCH_I386),
  X32("x32", ArchConstant.AUDIT_ARCH_X86_64),
  PPC64LE("ppc64le", ArchConstant.AUDIT_ARCH_PPC64LE);

  /** The bit x32 syscall numbers have and x86_64 ones lack (asm/unistd.h). */
  public static final int X32_SYSCALL_BIT = 0x40000000;

  private final String tableName;
  private final ArchConstant auditArch;
  private volatile Map<String, Integer> numbers;

  SyscallAbi(String tableName, ArchConstant auditArch) {
    this.tableName = tableName;
    this.auditArch = auditArch;
  }

  /** The ABIs a kernel of {@code arch} runs, its native one first. */
  public static List<SyscallAbi> of(Arch arch) {
    return switch (arch) {
      case X86_64 -> List.of(X86_64, I386, X32);
      case PPC64LE -> List.of(PPC64LE);
    };
  }

  /** The AUDIT_ARCH_* value of {@code seccomp_data.arch} for this ABI's syscalls. */
  public int auditArch() {
    // The audit arch constants have the same value on every architecture Capsa supports.
    return (int) auditArch.value(Arch.X86_64);
  }

  /** The name of the table resource, also the file the tests check against the headers. */
  public String tableName() {
    return tableName;
  }

  /** The number of the syscall named {@code name} (the kernel's name), empty when it has none. */
  public OptionalInt number(String name) {
    Integer number = numbers().get(name);
    return number == null ? OptionalInt.empty() : OptionalInt.of(number);
  }

  /** Every syscall of the ABI, name to number, in the order of the table. */
  public Map<String, Integer> numbers() {
    Map<String, Integer> loaded = numbers;
    if (loaded == null) {
      loaded = load();
      numbers = loaded;
    }
    return loaded;
  }

  private Map<String, Integer> load() {
    String resource = "io/capsa/sys/syscalls/" + tableName + ".txt";
    Map<String, Integer> table = new LinkedHashMap<>();
    try (InputStream in = SyscallAbi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the syscall table " + resource + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] nameAndNumber = line.split(" ");
        table.put(nameAndNumber[0], Integer.parseInt(nameAndNumber[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the syscall table " + resource, e);
    }
    return Collections.unmodifiableMap(table);
  }
}
