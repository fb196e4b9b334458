#include "doc/document.h"
// The document tree is plain data; this file keeps the stage a library of its own.
