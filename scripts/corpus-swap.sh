#!/usr/bin/env bash
# Builds a corpus directory in which attackers and ordinary users trade prompt sources, to check that
# detection rests on behaviour and coordination rather than on which texts the simulator's
# attackers send (the held-back evaluation has corpora we never see).
#
# In the swapped directory the simulator's attack pools read human-written prompts (ShareGPT first
# turns, Arena-Hard, OpenAssistant) and its benign pools read the self-instruct and code-generation
# sets that were sent to proprietary models to harvest them (Alpaca, Code Alpaca, GPTeacher).
# Everything else (the Orca system messages and FLAN tasks, the seed tasks, the generation requests,
# Natural Questions, HH-RLHF, MT-Bench, the role prompts, the timing traces) stays where it is.
# Only symbolic links are made: no text is copied.
#
# Usage: scripts/corpus-swap.sh OUT_DIR [SOURCE_DIR, default ../shared/data]
#   then: bin/distillguard simulate --corpus OUT_DIR --scenario mixed-week --seed 7 --out F.jsonl.gz --labels F.labels.jsonl
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,14p' "$0" >&2
  exit 2
fi
out="$1"
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
src="$(readlink -f "${2:-$root/../shared/data}")"
for f in benign/sharegpt_first_turns.jsonl benign/arena_hard_v0.1.jsonl benign/oasst_prompts.jsonl \
  distill/alpaca_5000.jsonl distill/code_alpaca_2k.jsonl distill/gpteacher_codegen.jsonl; do
  if [ ! -f "$src/$f" ]; then
    echo "corpus-swap: $src/$f is missing (SOURCE_DIR must be the shared data directory)" >&2
    exit 1
  fi
done
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "corpus-swap: $out exists and is not empty" >&2
  exit 1
fi
mkdir -p "$out/benign" "$out/distill"
ln -s "$src/timing" "$out/timing"
# kept in place
for f in benign/natural_questions_open benign/hh_rlhf_harmless_test benign/mt_bench \
  benign/awesome_chatgpt_prompts distill/openorca_dpo_sample distill/orca_system_messages \
  distill/self_instruct_seed_tasks distill/meta_prompts; do
  if [ -f "$src/$f.jsonl" ]; then
    ln -s "$src/$f.jsonl" "$out/$f.jsonl"
  fi
done
# traded: each attack pool's file name points at a human-written set, and the reverse
swap() {
  ln -s "$src/$1" "$out/$2"
  ln -s "$src/$2" "$out/$1"
}
swap benign/sharegpt_first_turns.jsonl distill/alpaca_5000.jsonl
swap benign/arena_hard_v0.1.jsonl distill/code_alpaca_2k.jsonl
swap benign/oasst_prompts.jsonl distill/gpteacher_codegen.jsonl
echo "corpus-swap: $out (attack pools read human-written prompts; benign pools read harvesting prompts)"
