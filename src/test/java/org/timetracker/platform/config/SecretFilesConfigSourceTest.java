package org.timetracker.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretFilesConfigSourceTest {
  @Test
  void trailingLineBreaksAreDroppedAndEverythingElseKept() {
    assertEquals("secret", SecretFilesConfigSource.withoutTrailingLineBreaks("secret\n"));
    assertEquals("secret", SecretFilesConfigSource.withoutTrailingLineBreaks("secret\r\n\n"));
    assertEquals(" spaced ", SecretFilesConfigSource.withoutTrailingLineBreaks(" spaced \n"));
    assertEquals("a\nb", SecretFilesConfigSource.withoutTrailingLineBreaks("a\nb"));
    assertEquals("", SecretFilesConfigSource.withoutTrailingLineBreaks("\n"));
  }
}
