// The Simulation screen's state for one agreement: its scenario, the
// problems Rust found in it, and the run or sizing under way. Every change
// to the scenario is saved after a short pause (debounced) and Rust returns
// its problems with the field's path; nothing is validated here.
import { api, asAppError, type AppError, type RunProgress, type RunSettings, type ScenarioSpec, type SimulationResults, type SizingResults } from './api';
import type { CalibratedScenario, Frontier, FrontierRequest, RecordedRun, WhatIf } from './bindings/types';
import { DebouncedSave } from './debounce';
import { nextRunNumber } from './runs';
import { applySizing } from './simulation';

export const SCENARIO_DELAY_MS = 400;

/** The long work the screen runs, one at a time. */
type Kind = 'run' | 'size' | 'compare' | 'frontier';

/** What a what-if compares with: a scenario kept on this screen, or a run
 * recorded in the library (its scenario on the version it ran on). */
export type Baseline = { at: Date } & ({ spec: ScenarioSpec; run?: undefined } | { run: RecordedRun; spec?: undefined });

export class ScenarioSession {
  id: string;
  scenario = $state() as ScenarioSpec;
  problems = $state<AppError[]>([]);
  settings = $state<RunSettings>({ replications: 20, seed: 1, confidence: 0.9 });
  progress = $state<RunProgress | null>(null);
  running = $state<Kind | null>(null);
  results = $state<SimulationResults | null>(null);
  sizing = $state<SizingResults | null>(null);
  error = $state<AppError | null>(null);
  cancelled = $state(false);
  /** The calibration that replaced the inputs, with the scenario it replaced, until undone or edited away. */
  calibrated = $state<{ from: CalibratedScenario; previous: ScenarioSpec } | null>(null);
  /** What the current scenario is compared with, and when it was chosen. */
  baseline = $state<Baseline | null>(null);
  /** The runs recorded against the agreement's versions, newest first. */
  runs = $state<RecordedRun[]>([]);
  /** The frontier asked for last, and the one drawn. */
  frontierRequest = $state<FrontierRequest>({ target: '', axis: 'target', list: '' });
  frontier = $state<Frontier | null>(null);
  /** Counts the scenario's saves, so that views drawn from the saved
   * scenario (the coverage timeline) know when to ask Rust again. */
  saves = $state(0);
  /** The last what-if against the baseline. */
  whatIf = $state<WhatIf | null>(null);
  #run = 0;
  #save: DebouncedSave<ScenarioSpec>;

  constructor(id: string, scenario: ScenarioSpec, problems: AppError[]) {
    this.id = id;
    this.scenario = scenario;
    this.problems = problems;
    this.#save = new DebouncedSave({
      delayMs: SCENARIO_DELAY_MS,
      read: () => $state.snapshot(this.scenario) as ScenarioSpec,
      send: (spec, latest) => this.#send(spec, latest),
    });
    this.#save.markSent(scenario);
  }

  static async open(id: string): Promise<ScenarioSession> {
    const state = await api.getScenario(id);
    return new ScenarioSession(id, state.scenario, state.problems);
  }

  /** Call after any change to `scenario`: schedules saving it. */
  touch() {
    this.#save.schedule();
  }

  /** Saves the scenario now if it changed since it was last saved. */
  flush(): Promise<void> {
    return this.#save.flush();
  }

  async #send(spec: ScenarioSpec, latest: () => boolean) {
    try {
      const problems = await api.editScenario(this.id, spec);
      if (latest()) {
        this.problems = problems;
        this.saves++;
      }
    } catch (e) {
      this.error = asAppError(e);
    }
  }

  /** Runs the simulation with the current settings, showing progress; a
   * run recorded against a version joins the list of runs. */
  async run() {
    await this.#start('run', async (run, settings) => {
      this.results = await api.runSimulation(this.id, run, settings, (p) => this.#heard(run, p));
      if (this.results.recorded_version != null) await this.loadRuns();
    });
  }

  /** Reads the runs recorded against the agreement's versions. */
  async loadRuns() {
    try {
      this.runs = await api.listRuns(this.id);
    } catch (e) {
      this.error = asAppError(e);
    }
  }

  /** Draws the frontier of `frontierRequest` with the current settings, showing progress by point. */
  async drawFrontier() {
    const request = $state.snapshot(this.frontierRequest) as FrontierRequest;
    await this.#start('frontier', async (run, settings) => {
      this.frontier = await api.drawFrontier(this.id, request, run, settings, (p) => this.#heard(run, p));
    });
  }

  /** Makes a recorded run the baseline of what-ifs. */
  useRunAsBaseline(run: RecordedRun) {
    this.baseline = { run, at: new Date() };
    this.whatIf = null;
  }

  /** Sizes every shift with the current settings, showing progress. */
  async size() {
    await this.#start('size', async (run, settings) => {
      this.sizing = await api.sizeStaffing(this.id, run, settings, (p) => this.#heard(run, p));
    });
  }

  /** Keeps the scenario as it is now as the baseline of what-ifs. */
  keepBaseline() {
    this.baseline = { spec: $state.snapshot(this.scenario) as ScenarioSpec, at: new Date() };
    this.whatIf = null;
  }

  /** Forgets the baseline and its what-if. */
  forgetBaseline() {
    this.baseline = null;
    this.whatIf = null;
  }

  /** Runs the baseline and the scenario as it is now with the same settings and compares them. */
  async compare() {
    const baseline = this.baseline;
    if (!baseline) return;
    await this.#start('compare', async (run, settings) => {
      const heard = (p: RunProgress) => this.#heard(run, p);
      this.whatIf = baseline.run
        ? await api.compareWithRun(this.id, baseline.run.id, run, settings, heard)
        : await api.compareScenarios(this.id, baseline.spec, run, settings, heard);
    });
  }

  async #start(kind: Kind, work: (run: number, settings: RunSettings) => Promise<void>) {
    if (this.running) return;
    await this.flush();
    const run = nextRunNumber();
    this.#run = run;
    this.running = kind;
    this.cancelled = false;
    this.progress =
      kind === 'frontier'
        ? { done: 0, total: 1, evaluations: 0, best_agent_hours: null }
        : { done: 0, total: (kind === 'compare' ? 2 : 1) * this.settings.replications, evaluations: null, best_agent_hours: null };
    this.error = null;
    try {
      await work(run, $state.snapshot(this.settings) as RunSettings);
    } catch (e) {
      const error = asAppError(e);
      if (error.code === 'cancelled') this.cancelled = true;
      else this.error = error;
    } finally {
      if (this.#run === run) {
        this.running = null;
        this.progress = null;
      }
    }
  }

  #heard(run: number, p: RunProgress) {
    // Replications finish in any order on several threads: keep the highest.
    if (this.#run !== run || !this.running) return;
    if (!this.progress || p.done >= this.progress.done || (p.evaluations ?? 0) > (this.progress.evaluations ?? 0)) this.progress = p;
  }

  /** Asks the run or sizing under way to stop. */
  async cancel() {
    if (this.running) await api.cancelRun(this.#run);
  }

  /** Replaces the workload and work with a calibration's; `undoCalibration` puts the previous scenario back. */
  calibrate(calibrated: CalibratedScenario) {
    const previous = $state.snapshot(this.scenario) as ScenarioSpec;
    this.scenario = calibrated.scenario;
    this.calibrated = { from: calibrated, previous };
    this.results = null;
    this.sizing = null;
    this.touch();
  }

  /** Puts back the scenario a calibration replaced. */
  undoCalibration() {
    if (!this.calibrated) return;
    this.scenario = this.calibrated.previous;
    this.calibrated = null;
    this.results = null;
    this.sizing = null;
    this.touch();
  }

  /** Puts the recommended headcounts into the scenario. */
  applySizing() {
    if (!this.sizing) return;
    this.scenario = applySizing(this.scenario, this.sizing);
    this.touch();
  }
}
