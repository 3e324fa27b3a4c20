#include <stddef.h>
#include <stdint.h>
/* libFuzzer's driver, called from the targets' entry points (SwiftPM owns `main`). */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
