#include "diag/stack.h"

#include <pthread.h>

#include <memory>

namespace jixiao {

namespace {

constexpr std::size_t kStackBytes = std::size_t{512} << 20;
thread_local bool t_large_stack = false;

void* trampoline(void* arg) {
  std::unique_ptr<std::function<void()>> work(static_cast<std::function<void()>*>(arg));
  t_large_stack = true;
  (*work)();
  return nullptr;
}

}  // namespace

LargeStackThread start_large_stack_thread(std::function<void()> work) {
  LargeStackThread t;
  auto* arg = new std::function<void()>(std::move(work));
  pthread_attr_t attr;
  pthread_t thread;
  t.started = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, kStackBytes) == 0 &&
              pthread_create(&thread, &attr, trampoline, arg) == 0;
  pthread_attr_destroy(&attr);
  if (!t.started) {
    delete arg;
    return t;
  }
  t.handle = static_cast<unsigned long>(thread);
  return t;
}

void join_large_stack_thread(LargeStackThread& t) {
  if (t.started) pthread_join(static_cast<pthread_t>(t.handle), nullptr);
  t.started = false;
}

void run_with_large_stack(const std::function<void()>& work) {
  if (t_large_stack) return work();
  LargeStackThread t = start_large_stack_thread(work);
  if (t.started) join_large_stack_thread(t);
  else work();  // no thread to be had: this stack, as before
}

}  // namespace jixiao
