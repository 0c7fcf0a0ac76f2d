//! A file to make away from the page: what the app asks its export worker for (a second
//! WebAssembly module, `worker/`, loaded only when first needed, so the workbook writer is not
//! part of the page's first load) and the making of it.
//!
//! The request carries scenarios, not figures: the worker validates, projects and (for a
//! scenario with ranges) simulates them itself, with the same engine and the same seed as the
//! page, so the file matches what the page shows exactly.

use ap_engine::compare::Comparison;
use ap_engine::{project, Projection, Scenario};
use serde::{Deserialize, Serialize};

use ap_engine::money::{money_table, unmitigated, Basis};

use crate::xlsx::{comparison_workbook, money_workbook, workbook_with_ranges};

/// One file for the worker to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// The scenario's workbook (with a "Ranges" sheet when it has ranges).
    Workbook { scenario: Box<Scenario> },
    /// The scenario's money, laid out like the DSG plan's summary, in financial years if
    /// `financial`, else in academic years.
    MoneyWorkbook {
        scenario: Box<Scenario>,
        financial: bool,
    },
    /// A comparison's workbook: `scenarios` against the one at `baseline`.
    ComparisonWorkbook {
        baseline: usize,
        scenarios: Vec<Scenario>,
    },
}

impl Job {
    /// The job as the text posted to the worker.
    pub fn to_json(&self) -> String {
        // Plain structs of strings and numbers: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Run a job posted as JSON: the file's bytes, or a message for the page to show.
pub fn run_json(text: &str) -> Result<Vec<u8>, String> {
    let job: Job = serde_json::from_str(text)
        .map_err(|e| format!("the export module could not read the request ({e})"))?;
    run(&job)
}

/// Make the file `job` asks for.
pub fn run(job: &Job) -> Result<Vec<u8>, String> {
    let invalid = "the scenario has problems to fix first";
    match job {
        Job::Workbook { scenario } => {
            let pr = project(scenario).map_err(|_| invalid.to_string())?;
            let sim = if scenario.ranges.is_empty() {
                None
            } else {
                let draws = scenario.simulation.draws as usize;
                Some(
                    ap_engine::simulate::simulate(scenario, draws, scenario.simulation.seed)
                        .map_err(|_| invalid.to_string())?,
                )
            };
            workbook_with_ranges(scenario, &pr, sim.as_ref()).map_err(|e| e.to_string())
        }
        Job::MoneyWorkbook {
            scenario,
            financial,
        } => {
            let pr = project(scenario).map_err(|_| invalid.to_string())?;
            let basis = if *financial {
                Basis::Financial
            } else {
                Basis::Academic
            };
            let table = money_table(scenario, &pr, &unmitigated(scenario), basis);
            money_workbook(scenario, &table).map_err(|e| e.to_string())
        }
        Job::ComparisonWorkbook {
            baseline,
            scenarios,
        } => {
            let projected = scenarios
                .iter()
                .map(project)
                .collect::<Result<Vec<Projection>, _>>()
                .map_err(|_| invalid.to_string())?;
            let pairs: Vec<(&Scenario, &Projection)> = scenarios.iter().zip(&projected).collect();
            comparison_workbook(&Comparison::new(*baseline, &pairs)).map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::workbook;

    /// A workbook's parts without the creation time, which differs from one second to the next.
    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        names.sort();
        names
            .into_iter()
            .filter(|name| name != "docProps/core.xml")
            .map(|name| {
                let mut text = String::new();
                zip.by_name(&name)
                    .unwrap()
                    .read_to_string(&mut text)
                    .unwrap();
                (name, text)
            })
            .collect()
    }

    #[test]
    fn a_workbook_job_through_json_makes_the_pages_workbook() {
        let s = ap_engine::examples::dfe_three_tier();
        let mut plain = s.clone();
        plain.ranges.clear();
        let job = Job::Workbook {
            scenario: Box::new(plain.clone()),
        };
        let made = run_json(&job.to_json()).unwrap();
        let direct = workbook(&plain, &project(&plain).unwrap()).unwrap();
        assert_eq!(parts(&made), parts(&direct));
    }

    #[test]
    fn a_scenario_with_ranges_is_simulated_with_its_own_seed() {
        let s = ap_engine::examples::dfe_early_intervention();
        let made = run_json(
            &Job::Workbook {
                scenario: Box::new(s.clone()),
            }
            .to_json(),
        )
        .unwrap();
        let sim = ap_engine::simulate::simulate(&s, s.simulation.draws as usize, s.simulation.seed)
            .unwrap();
        let direct = workbook_with_ranges(&s, &project(&s).unwrap(), Some(&sim)).unwrap();
        assert_eq!(parts(&made), parts(&direct));
    }

    #[test]
    fn a_comparison_job_makes_the_comparison_workbook() {
        let (a, b) = (
            ap_engine::examples::dfe_three_tier(),
            ap_engine::examples::dfe_early_intervention(),
        );
        let job = Job::ComparisonWorkbook {
            baseline: 0,
            scenarios: vec![a.clone(), b.clone()],
        };
        let made = run_json(&job.to_json()).unwrap();
        let (pa, pb) = (project(&a).unwrap(), project(&b).unwrap());
        let direct = comparison_workbook(&Comparison::new(0, &[(&a, &pa), (&b, &pb)])).unwrap();
        assert_eq!(parts(&made), parts(&direct));
    }

    #[test]
    fn a_money_job_makes_the_money_workbook_in_the_years_asked_for() {
        let s = ap_engine::examples::dfe_three_tier();
        let pr = project(&s).unwrap();
        for (financial, basis) in [(true, Basis::Financial), (false, Basis::Academic)] {
            let job = Job::MoneyWorkbook {
                scenario: Box::new(s.clone()),
                financial,
            };
            let made = run_json(&job.to_json()).unwrap();
            let table = money_table(&s, &pr, &unmitigated(&s), basis);
            assert_eq!(parts(&made), parts(&money_workbook(&s, &table).unwrap()));
        }
    }

    #[test]
    fn a_bad_request_or_an_invalid_scenario_is_a_message_not_a_panic() {
        assert!(run_json("not json")
            .unwrap_err()
            .contains("could not read the request"));
        let mut s = ap_engine::examples::dfe_three_tier();
        s.timeline.horizon = 0;
        let err = run(&Job::Workbook {
            scenario: Box::new(s),
        })
        .unwrap_err();
        assert!(err.contains("problems"));
    }
}
