package io.capsa.runtime.namespaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.IdMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapWriterTest {
  @Test
  void aMapIsOneLinePerMappingAsTheKernelReadsIt() {
    assertEquals("0 100000 1\n1 200000 65535\n", IdMapWriter.mapText(
        List.of(new IdMapping(0, 100000, 1), new IdMapping(1, 200000, 65535))));
  }
}
