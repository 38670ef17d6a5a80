package io.capsa.runtime.seccomp;

import io.capsa.oci.linux.SeccompOperator;

/**
 * A condition on one 64-bit syscall argument, compared unsigned as libseccomp does: for
 * SCMP_CMP_MASKED_EQ, {@code (arg & value) == valueTwo}, for the others {@code arg OP value}.
 *
 * @param index the argument, 0 to 5
 */
record ArgCondition(int index, SeccompOperator op, long value, long valueTwo) {}
