// `ecn setup`: the first-run command of a box. It asks (or reads from flags) the answers,
// writes the configuration and the system's snippets, makes the first manager account,
// enables the units and checks that everything answers. A re-run offers the current answers.

import { Command, Option } from 'commander';
import path from 'node:path';
import { loadConfig, type FrozenConfig } from '../../config/load';
import { EcnError } from '../../domain/errors';
import {
  answersFromConfig,
  checkAnswer,
  mayBeEmpty,
  QUESTIONS,
  UNSET_SPACE_ID,
  type Answers,
} from './answers';
import { apply } from './apply';
import { readIfThere, underRoot } from './files';
import { collectManager } from './manager';
import { pickLanguage, translator, type Translate } from './messages';
import { DEFAULT_SETUP_CONFIG, invalid, NFTABLES_FILE, type SetupDeps, type SetupOptions } from './options';
import type { Prompter } from './prompter';
import { adminNetOf } from './render';

/** The option property of each question's flag (`--space-id` → spaceId). */
const optionKey = (flag: string): keyof SetupOptions =>
  flag.slice(2).replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as keyof SetupOptions;

export function registerSetupCommand(program: Command, deps: SetupDeps): void {
  const cmd = program
    .command('setup')
    .description(
      "first run of a box: asks (or takes as flags) the space, interfaces, addresses, Wi-Fi and the city's URL, writes the configuration and system files, makes the first manager, enables the units and checks",
    )
    .option('--mode <mode>', "the box's role: router, opennds, chilli or access-points")
    .option('--space-id <id>', 'space.id, e.g. roubaix-epeule')
    .option('--space-name <name>', 'space.name')
    .option('--wifi-ssid <ssid>', 'space.wifiName, printed on tickets')
    .option('--lan-if <name>', "gateway.clientInterface: residents' side (router mode)")
    .option('--wan-if <name>', 'gateway.upstreamInterface: Internet side (router mode)')
    .option('--lan-address <cidr>', "the box's address and prefix, e.g. 10.42.0.1/24 (gateway.portalAddress)")
    .option('--admin-net <cidr>', 'network allowed to SSH from the Internet side ("all": any; router mode)')
    .option(
      '--remote-write-url <url>',
      'metrics.remoteWriteUrl: the city\'s Prometheus remote_write URL ("none")',
    )
    .option('--manager <name>', 'the first manager account of the console')
    .option('--manager-password-file <file>', "file whose first line is that account's password")
    .option('-y, --yes', 'ask nothing: flags, else the current answers; fail on a missing one')
    .option('--lang <lang>', 'fr (default) or en; else from LANG')
    .option('--root <dir>', 'write every file under this folder (tests, images)', '/')
    .option('--no-check', 'skip the final check')
    .addOption(new Option('--systemctl-command <path>', 'systemctl program').default('systemctl').hideHelp());
  cmd.action((opts: SetupOptions) => runSetup(opts, deps));
}

async function runSetup(opts: SetupOptions, deps: SetupDeps): Promise<void> {
  const { io } = deps;
  const lang = pickLanguage(opts.lang, io.env);
  if (lang === null) throw invalid(translator('fr'), { key: 'bad.lang', vars: { value: opts.lang! } });
  const t = translator(lang);
  const root = path.resolve(opts.root);
  const configTarget = path.resolve(deps.configFlag() ?? io.env.ECN_CONFIG ?? DEFAULT_SETUP_CONFIG);
  const configFile = underRoot(root, configTarget);

  // What the box says now: the defaults of every question.
  const currentText = readIfThere(configFile);
  let current: FrozenConfig | null = null;
  if (currentText !== null) {
    try {
      current = loadConfig({ file: configFile, env: {} });
    } catch (err) {
      throw new EcnError(
        'ECN_ERR_SETUP_INVALID',
        `${t('bad.config', { config: configFile, reason: (err as Error).message })}\n${t('bad.stopped')}`,
      );
    }
  }
  const configured = current !== null && current.space.id !== UNSET_SPACE_ID;
  const defaults = answersFromConfig(
    configured ? current : null,
    adminNetOf(readIfThere(underRoot(root, NFTABLES_FILE))),
  );

  const prompter = opts.yes ? null : deps.prompter();
  if (!opts.yes && prompter === null) {
    throw invalid(t, { key: 'bad.noTerminal', vars: {} });
  }
  try {
    if (prompter) io.out(`${configured ? t('intro.again', { config: configFile }) : t('intro.first')}\n`);
    const answers = await collectAnswers(opts, defaults, t, prompter);
    const manager = await collectManager(
      opts,
      current && { file: configFile, cfg: current },
      root,
      deps,
      t,
      prompter,
    );
    prompter?.close();
    await apply({
      opts,
      deps,
      t,
      root,
      configTarget,
      configFile,
      currentText,
      current,
      configured,
      defaults,
      answers,
      manager,
    });
  } finally {
    prompter?.close();
  }
}

async function collectAnswers(
  opts: SetupOptions,
  defaults: Answers,
  t: Translate,
  prompter: Prompter | null,
): Promise<Answers> {
  const answers: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    const given = opts[optionKey(q.flag)] as string | undefined;
    if (!q.when(answers) && given === undefined) {
      answers[q.key] = defaults[q.key] as never;
      continue;
    }
    const normalise = (raw: string) => {
      const v = raw.trim();
      return q.emptyWords?.includes(v.toLowerCase()) ? '' : v;
    };
    if (given !== undefined) {
      // A flag is an answer given in advance: a bad one stops, even at a terminal.
      const value = normalise(given);
      const refusal = checkAnswer(q.key, value, answers);
      if (refusal) throw invalid(t, refusal);
      answers[q.key] = value as never;
      continue;
    }
    const def = defaults[q.key];
    if (prompter === null) {
      if (def === '' && !mayBeEmpty(q.key)) throw invalid(t, { key: 'bad.missing', vars: { flag: q.flag } });
      // A current answer is checked like a new one (a hand-made file may hold what setup refuses).
      const refusal = checkAnswer(q.key, def, answers);
      if (refusal) throw invalid(t, refusal);
      answers[q.key] = def as never;
      continue;
    }
    for (;;) {
      const shown = def === '' && mayBeEmpty(q.key) && q.emptyWords ? q.emptyWords[0]! : def;
      const line = await prompter.ask(`${t(q.prompt(answers))}${shown ? ` [${shown}]` : ''} : `);
      if (line === null) throw invalid(t, { key: 'bad.missing', vars: { flag: q.flag } });
      const value = line.trim() === '' ? def : normalise(line);
      const refusal = checkAnswer(q.key, value, answers);
      if (!refusal) {
        answers[q.key] = value as never;
        break;
      }
      prompter.say(t(refusal.key, refusal.vars));
    }
  }
  return answers as Answers;
}
