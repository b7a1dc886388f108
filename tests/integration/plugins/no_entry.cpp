// A real shared object that is not a Portunus plugin: it exports a function,
// but not portunus_plugin_entry.
extern "C" __attribute__((visibility("default"))) int portunus_test_not_an_entry(void) { return 42; }
